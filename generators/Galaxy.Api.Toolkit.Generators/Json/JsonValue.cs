using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Galaxy.Api.Toolkit.Generators.Json;

/// <summary>
/// A small read-only JSON tree for the generator, which runs on netstandard2.0 without System.Text.Json: enough to read
/// OpenAPI documents (baselines, legacy manifests). Objects keep their member order.
/// </summary>
internal abstract class JsonValue
{
    public virtual JsonValue? this[string name] => null;

    public virtual string? AsString => null;

    public virtual IReadOnlyList<KeyValuePair<string, JsonValue>> Members => [];

    public virtual IReadOnlyList<JsonValue> Items => [];

    /// <summary>Follows <c>a/b/c</c> through objects; null when a step is missing.</summary>
    public JsonValue? At(params string[] path)
    {
        JsonValue? current = this;
        foreach (var step in path)
        {
            current = current?[step];
        }

        return current;
    }

    /// <summary>The value as compact JSON text (numbers as written).</summary>
    public abstract void WriteTo(StringBuilder builder);

    public override string ToString()
    {
        var builder = new StringBuilder();
        WriteTo(builder);
        return builder.ToString();
    }

    public static JsonValue Parse(string text) => new JsonReader(text).ReadDocument();
}

internal sealed class JsonObject(List<KeyValuePair<string, JsonValue>> members) : JsonValue
{
    private Dictionary<string, JsonValue>? _index;

    public override IReadOnlyList<KeyValuePair<string, JsonValue>> Members => members;

    public override JsonValue? this[string name]
    {
        get
        {
            if (_index is null)
            {
                var index = new Dictionary<string, JsonValue>(System.StringComparer.Ordinal);
                foreach (var member in members)
                {
                    index[member.Key] = member.Value;
                }

                _index = index;
            }

            return _index.TryGetValue(name, out var value) ? value : null;
        }
    }

    public override void WriteTo(StringBuilder builder)
    {
        builder.Append('{');
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            JsonString.Quote(builder, members[i].Key);
            builder.Append(':');
            members[i].Value.WriteTo(builder);
        }

        builder.Append('}');
    }
}

internal sealed class JsonArray(List<JsonValue> items) : JsonValue
{
    public override IReadOnlyList<JsonValue> Items => items;

    public override void WriteTo(StringBuilder builder)
    {
        builder.Append('[');
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            items[i].WriteTo(builder);
        }

        builder.Append(']');
    }
}

internal sealed class JsonString(string value) : JsonValue
{
    public override string AsString => value;

    public override void WriteTo(StringBuilder builder) => Quote(builder, value);

    public static void Quote(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}

/// <summary>A number, kept as its text so that nothing is lost.</summary>
internal sealed class JsonNumber(string text) : JsonValue
{
    public string Text => text;

    public double Value => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    public override void WriteTo(StringBuilder builder) => builder.Append(text);
}

internal sealed class JsonLiteral : JsonValue
{
    public static readonly JsonLiteral True = new("true");
    public static readonly JsonLiteral False = new("false");
    public static readonly JsonLiteral Null = new("null");

    private readonly string _text;

    private JsonLiteral(string text) => _text = text;

    public override void WriteTo(StringBuilder builder) => builder.Append(_text);
}

/// <summary>Thrown for text that is not JSON, with the position.</summary>
internal sealed class JsonParseException(string message) : System.Exception(message);

/// <summary>A recursive-descent reader of RFC 8259 JSON, depth-limited.</summary>
internal sealed class JsonReader(string text)
{
    private const int MaxDepth = 512;
    private int _position;

    public JsonValue ReadDocument()
    {
        var value = ReadValue(0);
        SkipWhitespace();
        if (_position != text.Length)
        {
            throw Error("unexpected text after the document");
        }

        return value;
    }

    private JsonValue ReadValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error("nesting is too deep");
        }

        SkipWhitespace();
        if (_position >= text.Length)
        {
            throw Error("unexpected end");
        }

        switch (text[_position])
        {
            case '{':
                return ReadObject(depth);
            case '[':
                return ReadArray(depth);
            case '"':
                return new JsonString(ReadString());
            case 't':
                return Expect("true", JsonLiteral.True);
            case 'f':
                return Expect("false", JsonLiteral.False);
            case 'n':
                return Expect("null", JsonLiteral.Null);
            default:
                return ReadNumber();
        }
    }

    private JsonValue ReadObject(int depth)
    {
        _position++;
        var members = new List<KeyValuePair<string, JsonValue>>();
        SkipWhitespace();
        if (Peek() == '}')
        {
            _position++;
            return new JsonObject(members);
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw Error("expected a member name");
            }

            var name = ReadString();
            SkipWhitespace();
            if (Peek() != ':')
            {
                throw Error("expected ':'");
            }

            _position++;
            members.Add(new KeyValuePair<string, JsonValue>(name, ReadValue(depth + 1)));
            SkipWhitespace();
            var next = Peek();
            _position++;
            if (next == '}')
            {
                return new JsonObject(members);
            }

            if (next != ',')
            {
                throw Error("expected ',' or '}'");
            }
        }
    }

    private JsonValue ReadArray(int depth)
    {
        _position++;
        var items = new List<JsonValue>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _position++;
            return new JsonArray(items);
        }

        while (true)
        {
            items.Add(ReadValue(depth + 1));
            SkipWhitespace();
            var next = Peek();
            _position++;
            if (next == ']')
            {
                return new JsonArray(items);
            }

            if (next != ',')
            {
                throw Error("expected ',' or ']'");
            }
        }
    }

    private string ReadString()
    {
        _position++;
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= text.Length)
            {
                throw Error("unterminated string");
            }

            var c = text[_position++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (_position >= text.Length)
            {
                throw Error("unterminated escape");
            }

            var escape = text[_position++];
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_position + 4 > text.Length || !int.TryParse(text.Substring(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Error("bad \\u escape");
                    }

                    builder.Append((char)code);
                    _position += 4;
                    break;
                default:
                    throw Error("bad escape");
            }
        }
    }

    private JsonValue ReadNumber()
    {
        var start = _position;
        while (_position < text.Length && "+-0123456789.eE".IndexOf(text[_position]) >= 0)
        {
            _position++;
        }

        var number = text.Substring(start, _position - start);
        if (number.Length == 0 || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            throw Error("unexpected character");
        }

        return new JsonNumber(number);
    }

    private JsonValue Expect(string literal, JsonValue value)
    {
        if (string.CompareOrdinal(text, _position, literal, 0, literal.Length) != 0)
        {
            throw Error("unexpected character");
        }

        _position += literal.Length;
        return value;
    }

    private char Peek() => _position < text.Length ? text[_position] : '\0';

    private void SkipWhitespace()
    {
        while (_position < text.Length && text[_position] is ' ' or '\t' or '\n' or '\r')
        {
            _position++;
        }
    }

    private JsonParseException Error(string message)
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < _position && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return new JsonParseException($"{message} at line {line}, column {column}");
    }
}
