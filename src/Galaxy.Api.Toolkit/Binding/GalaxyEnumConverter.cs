using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Galaxy.Api.Toolkit.Binding;

/// <summary>
/// Reads and writes an enum by exactly the names the document lists (no other case, no number, no comma list, no
/// padding), so that what the server accepts is what the schema's <c>enum</c> says. Created by generated code with the
/// names under the API's naming policy; reflection-free.
/// </summary>
/// <typeparam name="T">The enum type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GalaxyEnumConverter<T> : JsonConverter<T>
    where T : struct, Enum
{
    private readonly JsonEncodedText[] _names;
    private readonly T[] _values;
    private readonly string _expected;

    /// <summary>Creates the converter.</summary>
    /// <param name="names">The JSON names, in member order.</param>
    /// <param name="values">The members, in the same order.</param>
    public GalaxyEnumConverter(string[] names, T[] values)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(values);
        if (names.Length != values.Length)
        {
            throw new ArgumentException("Each name needs a value.", nameof(values));
        }

        _names = names.Select(static n => JsonEncodedText.Encode(n)).ToArray();
        _values = values;
        _expected = string.Join(", ", names.Select(static n => "'" + n + "'"));
    }

    /// <inheritdoc/>
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            for (var i = 0; i < _names.Length; i++)
            {
                if (reader.ValueTextEquals(_names[i].EncodedUtf8Bytes))
                {
                    return _values[i];
                }
            }
        }

        throw new JsonException("Input should be one of " + _expected);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(NameOf(value));
    }

    /// <inheritdoc/>
    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (reader.ValueTextEquals(_names[i].EncodedUtf8Bytes))
            {
                return _values[i];
            }
        }

        throw new JsonException("Input should be one of " + _expected);
    }

    /// <inheritdoc/>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(NameOf(value));
    }

    private JsonEncodedText NameOf(T value)
    {
        for (var i = 0; i < _values.Length; i++)
        {
            if (EqualityComparer<T>.Default.Equals(_values[i], value))
            {
                return _names[i];
            }
        }

        // A value outside the enum cannot be written as one of the documented names.
        throw new JsonException($"{typeof(T).Name} value {value} has no JSON name.");
    }
}
