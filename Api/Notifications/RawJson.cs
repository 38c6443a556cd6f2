using System.Text.Json;
using System.Text.Json.Serialization;

namespace Api.Notifications;

/// <summary>JSON made already, which SignalR's protocol writes as it is rather than serializing it again.</summary>
[JsonConverter(typeof(Converter))]
internal sealed class RawJson(byte[] utf8)
{
    private sealed class Converter : JsonConverter<RawJson>
    {
        public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Notifications are only sent.");

        public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value._utf8, skipInputValidation: true);
    }

    private readonly byte[] _utf8 = utf8;
}
