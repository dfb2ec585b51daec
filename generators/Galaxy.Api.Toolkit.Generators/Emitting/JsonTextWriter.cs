using System.Globalization;
using System.Text;

namespace Galaxy.Api.Toolkit.Generators.Emitting;

/// <summary>
/// A small JSON writer for the document: two-space indentation, <c>\n</c> line ends, ordinal escaping; the same input
/// always gives the same bytes.
/// </summary>
internal sealed class JsonTextWriter
{
    private readonly StringBuilder _builder = new();
    private readonly System.Collections.Generic.Stack<bool> _hasItems = new();
    private bool _afterName;

    public JsonTextWriter StartObject() => Open('{');

    public JsonTextWriter EndObject() => Close('}');

    public JsonTextWriter StartArray() => Open('[');

    public JsonTextWriter EndArray() => Close(']');

    public JsonTextWriter Name(string name)
    {
        Separate();
        WriteString(name);
        _builder.Append(": ");
        _afterName = true;
        return this;
    }

    public JsonTextWriter String(string value)
    {
        Separate();
        WriteString(value);
        return this;
    }

    public JsonTextWriter Bool(bool value) => Literal(value ? "true" : "false");

    public JsonTextWriter Number(long value) => Literal(value.ToString(CultureInfo.InvariantCulture));

    public JsonTextWriter Null() => Literal("null");

    /// <summary>Writes pre-formatted JSON scalar text (a number or literal).</summary>
    public JsonTextWriter Literal(string json)
    {
        Separate();
        _builder.Append(json);
        return this;
    }

    public JsonTextWriter Property(string name, string? value) => value is null ? this : Name(name).String(value);

    /// <summary>Writes a parsed value (member order kept, numbers as written), formatted as everything else.</summary>
    public JsonTextWriter Value(Json.JsonValue value)
    {
        switch (value)
        {
            case Json.JsonObject obj:
                StartObject();
                foreach (var member in obj.Members)
                {
                    Name(member.Key);
                    Value(member.Value);
                }

                return EndObject();
            case Json.JsonArray array:
                StartArray();
                foreach (var item in array.Items)
                {
                    Value(item);
                }

                return EndArray();
            case Json.JsonString text:
                return String(text.AsString);
            default:
                // Numbers and literals, as written.
                return Literal(value.ToString());
        }
    }

    public JsonTextWriter Property(string name, bool value) => Name(name).Bool(value);

    public override string ToString() => _builder.ToString();

    /// <summary>A JSON string literal of <paramref name="value"/>, escaped as the writer escapes.</summary>
    public static string Quote(string value)
    {
        var writer = new JsonTextWriter();
        writer.WriteString(value);
        return writer._builder.ToString();
    }

    private JsonTextWriter Open(char bracket)
    {
        Separate();
        _builder.Append(bracket);
        _hasItems.Push(false);
        return this;
    }

    private JsonTextWriter Close(char bracket)
    {
        var hadItems = _hasItems.Pop();
        if (hadItems)
        {
            NewLine();
        }

        _builder.Append(bracket);
        return this;
    }

    private void Separate()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }

        if (_hasItems.Count == 0)
        {
            return;
        }

        if (_hasItems.Peek())
        {
            _builder.Append(',');
        }
        else
        {
            _hasItems.Pop();
            _hasItems.Push(true);
        }

        NewLine();
    }

    private void NewLine() => _builder.Append('\n').Append(' ', _hasItems.Count * 2);

    private void WriteString(string value)
    {
        _builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': _builder.Append("\\\""); break;
                case '\\': _builder.Append("\\\\"); break;
                case '\n': _builder.Append("\\n"); break;
                case '\r': _builder.Append("\\r"); break;
                case '\t': _builder.Append("\\t"); break;
                case '\b': _builder.Append("\\b"); break;
                case '\f': _builder.Append("\\f"); break;
                default:
                    // Control characters and lone surrogates (which UTF-8 cannot carry) are escaped.
                    var paired = char.IsHighSurrogate(c) ? i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])
                        : char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(value[i - 1]);
                    if (c < 0x20 || (char.IsSurrogate(c) && !paired))
                    {
                        _builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        _builder.Append(c);
                    }

                    break;
            }
        }

        _builder.Append('"');
    }
}
