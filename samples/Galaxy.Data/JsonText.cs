using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Galaxy.Data;

/// <summary>The JSON columns (tags, preferences), read and written without the serializer (no reflection).</summary>
internal static class JsonText
{
    public static IReadOnlyList<string> ReadStringArray(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        var items = new List<string>();
        reader.Read();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(reader.GetString() ?? string.Empty);
        }

        return items;
    }

    public static string WriteStringArray(IEnumerable<string> items)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                writer.WriteStringValue(item);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
