using System.Text.Json;
using System.Text.Json.Serialization;

namespace Galaxy.Api.Toolkit.Ids;

/// <summary>
/// Reads and writes a <see cref="GalaxyId"/> as Galaxy's encoded id, a JSON string such as <c>"f2db41e1fa331b3e"</c>,
/// both as a value and as a property name (a <see cref="GalaxyId"/> dictionary key). Nullable ids use it too.
/// </summary>
/// <remarks>A value that is not a string or does not decode is a <see cref="JsonException"/>.</remarks>
public sealed class GalaxyIdJsonConverter : JsonConverter<GalaxyId>
{
    // An encoded id that fits a long is at most 49 characters (a folder's 'F' and 48 digits); longer strings are read
    // into a heap string, which only a malformed or crafted value needs.
    private const int StackLimit = 256;

    private readonly GalaxyIdEncoder _encoder;

    /// <summary>Creates the converter.</summary>
    /// <param name="encoder">The server's encoder.</param>
    public GalaxyIdJsonConverter(GalaxyIdEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        _encoder = encoder;
    }

    /// <inheritdoc/>
    public override GalaxyId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"An encoded id must be a JSON string, not {Describe(reader.TokenType)}.");
        }

        return ReadEncoded(ref reader);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, GalaxyId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<char> buffer = stackalloc char[GalaxyIdEncoder.MaximumEncodedChars];
        writer.WriteStringValue(buffer[..Encode(value, buffer)]);
    }

    /// <inheritdoc/>
    public override GalaxyId ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => ReadEncoded(ref reader);

    /// <inheritdoc/>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, GalaxyId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<char> buffer = stackalloc char[GalaxyIdEncoder.MaximumEncodedChars];
        writer.WritePropertyName(buffer[..Encode(value, buffer)]);
    }

    private int Encode(GalaxyId value, Span<char> buffer)
    {
        if (value.Value < 0)
        {
            throw new JsonException("A negative id cannot be encoded.");
        }

        return _encoder.EncodeTo(value.Value, buffer);
    }

    // The current token is a string or a property name.
    private GalaxyId ReadEncoded(ref Utf8JsonReader reader)
    {
        // The UTF-8 length bounds the number of UTF-16 characters, escaped or not.
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        GalaxyIdDecodeStatus status;
        long id;
        if (length <= StackLimit)
        {
            Span<char> buffer = stackalloc char[StackLimit];
            var written = reader.CopyString(buffer);
            status = _encoder.TryDecode(buffer[..written], out id);
        }
        else
        {
            status = _encoder.TryDecode(reader.GetString(), out id);
        }

        return status switch
        {
            GalaxyIdDecodeStatus.Ok => new GalaxyId(id),
            GalaxyIdDecodeStatus.InvalidFormat => throw new JsonException(
                "Invalid encoded id: expected a string of hexadecimal digits (0-9, a-f) whose length is a multiple of 16."),
            _ => throw new JsonException("Invalid encoded id: the value does not decode to an id of this server."),
        };
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };
}
