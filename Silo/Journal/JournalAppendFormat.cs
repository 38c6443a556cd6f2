using System.Buffers.Binary;
using System.Text;
using Grains.Pipeline;

namespace Silo.Journal;

/// <summary>
/// An append's messages as one value: for each, the key's UTF-8 length (-1 for none) and bytes, then the value's
/// length and bytes, lengths as 32-bit little-endian integers.
/// </summary>
internal static class JournalAppendFormat
{
    public static byte[] Write(IReadOnlyList<KafkaMessage> messages)
    {
        var size = 0;
        foreach (var message in messages)
            size += 8 + (message.Key is null ? 0 : Encoding.UTF8.GetByteCount(message.Key)) + message.Value.Length;
        var bytes = new byte[size];
        var span = bytes.AsSpan();
        foreach (var message in messages)
        {
            if (message.Key is null)
            {
                BinaryPrimitives.WriteInt32LittleEndian(span, -1);
                span = span[4..];
            }
            else
            {
                var written = Encoding.UTF8.GetBytes(message.Key, span[4..]);
                BinaryPrimitives.WriteInt32LittleEndian(span, written);
                span = span[(4 + written)..];
            }
            BinaryPrimitives.WriteInt32LittleEndian(span, message.Value.Length);
            message.Value.CopyTo(span[4..]);
            span = span[(4 + message.Value.Length)..];
        }
        return bytes;
    }

    public static List<KafkaMessage> Read(ReadOnlySpan<byte> bytes)
    {
        var messages = new List<KafkaMessage>();
        while (!bytes.IsEmpty)
        {
            var keyLength = BinaryPrimitives.ReadInt32LittleEndian(bytes);
            var key = keyLength < 0 ? null : Encoding.UTF8.GetString(bytes.Slice(4, keyLength));
            bytes = bytes[(4 + Math.Max(keyLength, 0))..];
            var valueLength = BinaryPrimitives.ReadInt32LittleEndian(bytes);
            messages.Add(new KafkaMessage(key, bytes.Slice(4, valueLength).ToArray()));
            bytes = bytes[(4 + valueLength)..];
        }
        return messages;
    }
}
