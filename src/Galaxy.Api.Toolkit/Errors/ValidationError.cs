namespace Galaxy.Api.Toolkit;

/// <summary>
/// One request validation failure, written in the <c>validation_errors</c> list of a 400 response as
/// <c>{"loc": [...], "msg": "...", "type": "..."}</c>.
/// </summary>
/// <param name="Location">Where the failure is: the source (<c>path</c>, <c>query</c>, <c>header</c>, <c>body</c>)
/// followed by names and, for collection items, indices (<see cref="int"/>).</param>
/// <param name="Message">A human-readable message.</param>
/// <param name="Type">A stable machine-readable kind: <c>missing</c>, <c>int_parsing</c>, <c>bool_parsing</c>, <c>enum</c>...</param>
public sealed record ValidationError(IReadOnlyList<object> Location, string Message, string Type)
{
    /// <summary>The <see cref="Type"/> of a missing value; a response whose failures are all missing values has code 400007.</summary>
    public const string MissingType = "missing";

    /// <summary>Whether the failure is a missing value.</summary>
    public bool IsMissing => Type == MissingType;

    /// <summary>The location as Galaxy prints it in <c>err_msg</c>: a Python tuple such as <c>('query', 'limit')</c>.</summary>
    public string FormatLocation()
    {
        var builder = new System.Text.StringBuilder("(");
        for (var i = 0; i < Location.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            if (Location[i] is int index)
            {
                builder.Append(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append('\'').Append(Location[i]).Append('\'');
            }
        }

        if (Location.Count == 1)
        {
            builder.Append(',');
        }

        return builder.Append(')').ToString();
    }
}
