using System.Text.Json;
using System.Text.Json.Serialization;
using Galaxy.Data;

namespace Galaxy.Modern.Configuration;

/// <summary>
/// Times as the legacy app writes them (<see cref="GalaxyTime.Format"/>: <c>2026-11-25T09:35:34.123450</c>, always six
/// digits), where System.Text.Json would drop trailing zeros (<c>.12345</c>): both sides of the host answer alike.
/// </summary>
public sealed class GalaxyTimeJsonConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.GetDateTime();

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(GalaxyTime.ToText(value));
    }
}
