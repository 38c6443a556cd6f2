using System.Text.Json;
using Confluent.Kafka;

namespace Grains.Streaming.Kafka.Streams;

/// <summary>How message values are encoded: JSON unless the Orleans header marks the binary format.</summary>
internal static class KafkaMessageFormat
{
    public const string PayloadHeader = "orleans-payload";

    private static readonly byte[] OrleansBinary = "orleans-binary"u8.ToArray();

    /// <summary>Web defaults (camelCase), the shape most outside producers and consumers use.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public static Headers OrleansHeaders() => new() { { PayloadHeader, OrleansBinary } };

    public static bool IsOrleansBinary(Headers? headers) =>
        headers is not null
        && headers.TryGetLastBytes(PayloadHeader, out var value)
        && value.AsSpan().SequenceEqual(OrleansBinary);

    public static bool IsJson(byte[] value)
    {
        try
        {
            JsonDocument.Parse(value).Dispose();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static byte[] ToJson(object? item) => JsonSerializer.SerializeToUtf8Bytes(item, item?.GetType() ?? typeof(object), Json);

    public static T? FromJson<T>(byte[] json) => typeof(T) == typeof(object)
        ? (T)(object)JsonSerializer.Deserialize<JsonElement>(json, Json)
        : JsonSerializer.Deserialize<T>(json, Json);
}
