using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Galaxy.Data;

/// <summary>The type of a filterable attribute, which decides its operators and how a value parses.</summary>
internal enum FilterKind
{
    Boolean,
    Text,
    Time,
    Integer,
    Tag,
    State,
}

/// <summary>An attribute clients may filter on with <c>q</c>/<c>qv</c>, and its SQL column.</summary>
internal sealed record FilterField(string Name, string Column, FilterKind Kind);

/// <summary>One parsed <c>q</c>/<c>qv</c> pair, its value already checked.</summary>
internal sealed record QueryFilter(FilterField Field, string Operator, object Value);

/// <summary>A parsed <c>order</c> value.</summary>
internal sealed record QueryOrder(string Column, bool Descending);

/// <summary>
/// Galaxy's filter syntax: the n-th <c>q</c> (<c>attribute</c> or <c>attribute-operator</c>: <c>name-contains</c>,
/// <c>update_time-gt</c>) goes with the n-th <c>qv</c>. Every attribute is checked against a fixed catalog, so column names
/// in SQL never come from a request.
/// </summary>
internal static class QueryFilters
{
    private static readonly Dictionary<FilterKind, string[]> Operators = new()
    {
        [FilterKind.Boolean] = ["eq"],
        [FilterKind.Text] = ["eq", "contains", "startswith"],
        [FilterKind.Time] = ["eq", "gt", "ge", "lt", "le"],
        [FilterKind.Integer] = ["eq", "gt", "ge", "lt", "le"],
        [FilterKind.Tag] = ["eq", "has"],
        [FilterKind.State] = ["eq", "in"],
    };

    public static bool TryParse(
        IReadOnlyList<FilterField> catalog,
        IReadOnlyList<string>? q,
        IReadOnlyList<string>? qv,
        [NotNullWhen(true)] out List<QueryFilter>? filters,
        [NotNullWhen(false)] out string? error)
    {
        q ??= [];
        qv ??= [];
        filters = null;
        if (q.Count != qv.Count)
        {
            error = $"The number of filters (q: {q.Count}) and of filter values (qv: {qv.Count}) differ; send one qv after each q.";
            return false;
        }

        var parsed = new List<QueryFilter>(q.Count);
        for (var i = 0; i < q.Count; i++)
        {
            var (name, op) = q[i].IndexOf('-', StringComparison.Ordinal) is var dash and >= 0 ? (q[i][..dash], q[i][(dash + 1)..]) : (q[i], "eq");
            var field = catalog.FirstOrDefault(f => f.Name == name);
            if (field is null)
            {
                error = $"Unknown filter attribute '{name}'; filter on one of: {string.Join(", ", catalog.Select(static f => f.Name))}.";
                return false;
            }

            if (!Operators[field.Kind].Contains(op, StringComparer.Ordinal))
            {
                error = $"Unknown filter operator '{op}' for '{name}'; use one of: {string.Join(", ", Operators[field.Kind])}.";
                return false;
            }

            if (!TryParseValue(field, op, qv[i], out var value, out error))
            {
                return false;
            }

            parsed.Add(new QueryFilter(field, op, value));
        }

        filters = parsed;
        error = null;
        return true;
    }

    public static bool TryParseBoolean(string? text, out bool value)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "TRUE" or "T" or "YES" or "Y" or "ON" or "1":
                value = true;
                return true;
            case "FALSE" or "F" or "NO" or "N" or "OFF" or "0":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>Reads <c>attribute</c>, <c>attribute-asc</c> or <c>attribute-dsc</c>; a bare time sorts newest first, others ascending.</summary>
    public static bool TryParseOrder(IReadOnlyList<FilterField> orderable, string? order, QueryOrder fallback, [NotNullWhen(true)] out QueryOrder? parsed, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(order))
        {
            parsed = fallback;
            return true;
        }

        var text = order.Trim();
        bool? descending = null;
        if (text.EndsWith("-dsc", StringComparison.Ordinal))
        {
            descending = true;
            text = text[..^4];
        }
        else if (text.EndsWith("-asc", StringComparison.Ordinal))
        {
            descending = false;
            text = text[..^4];
        }

        var field = orderable.FirstOrDefault(f => f.Name == text);
        if (field is null)
        {
            parsed = null;
            error = $"Unknown order '{order}'; use one of: {string.Join(", ", orderable.Select(static f => f.Name))}, each optionally followed by -asc or -dsc.";
            return false;
        }

        parsed = new QueryOrder(field.Column, descending ?? field.Kind == FilterKind.Time);
        return true;
    }

    /// <summary>Appends <c> AND (condition)</c> for each filter, with its value as a parameter.</summary>
    public static void AppendWhere(StringBuilder sql, SqliteCommand command, IReadOnlyList<QueryFilter> filters)
    {
        for (var i = 0; i < filters.Count; i++)
        {
            var filter = filters[i];
            var parameter = "$f" + i.ToString(CultureInfo.InvariantCulture);
            var column = filter.Field.Column;
            sql.Append(" AND ");
            switch (filter.Field.Kind, filter.Operator)
            {
                case (FilterKind.Tag, _):
                    sql.Append("EXISTS (SELECT 1 FROM json_each(").Append(column).Append(") WHERE json_each.value = ").Append(parameter).Append(')');
                    command.With(parameter, filter.Value);
                    break;
                case (FilterKind.State, "in"):
                    var states = (string[])filter.Value;
                    sql.Append(column).Append(" IN (");
                    for (var s = 0; s < states.Length; s++)
                    {
                        var name = parameter + "_" + s.ToString(CultureInfo.InvariantCulture);
                        sql.Append(s == 0 ? string.Empty : ", ").Append(name);
                        command.With(name, states[s]);
                    }

                    sql.Append(')');
                    break;
                case (_, "contains"):
                    sql.Append(column).Append(" LIKE ").Append(parameter).Append(" ESCAPE '\\'");
                    command.With(parameter, "%" + Sql.LikeEscape((string)filter.Value) + "%");
                    break;
                case (_, "startswith"):
                    sql.Append(column).Append(" LIKE ").Append(parameter).Append(" ESCAPE '\\'");
                    command.With(parameter, Sql.LikeEscape((string)filter.Value) + "%");
                    break;
                default:
                    sql.Append(column).Append(filter.Operator switch
                    {
                        "gt" => " > ",
                        "ge" => " >= ",
                        "lt" => " < ",
                        "le" => " <= ",
                        _ => " = ",
                    }).Append(parameter);
                    command.With(parameter, filter.Value);
                    break;
            }
        }
    }

    private static bool TryParseValue(FilterField field, string op, string? text, [NotNullWhen(true)] out object? value, [NotNullWhen(false)] out string? error)
    {
        error = null;
        value = null;
        switch (field.Kind)
        {
            case FilterKind.Boolean when TryParseBoolean(text, out var flag):
                value = flag;
                return true;
            case FilterKind.Boolean:
                error = $"The filter value of '{field.Name}' must be True or False (it is '{text}').";
                return false;
            case FilterKind.Time when GalaxyTime.TryParseClientValue(text, out var time):
                value = time;
                return true;
            case FilterKind.Time:
                error = $"The filter value of '{field.Name}' must be a date or time such as 2026-11-25 or 2026-11-25T09:35:34 (it is '{text}').";
                return false;
            case FilterKind.Integer when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number):
                value = number;
                return true;
            case FilterKind.Integer:
                error = $"The filter value of '{field.Name}' must be an integer (it is '{text}').";
                return false;
            case FilterKind.State:
                var states = op == "in" ? (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [text ?? string.Empty];
                var unknown = states.Length == 0 ? text ?? string.Empty : states.FirstOrDefault(static s => !DatasetStates.IsKnown(s));
                if (unknown is not null)
                {
                    error = $"Unknown dataset state '{unknown}'; use one of: {string.Join(", ", DatasetStates.All)}.";
                    return false;
                }

                value = op == "in" ? states : states[0];
                return true;
            default:
                value = text ?? string.Empty;
                return true;
        }
    }
}
