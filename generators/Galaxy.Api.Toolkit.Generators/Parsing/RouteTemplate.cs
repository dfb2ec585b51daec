using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace Galaxy.Api.Toolkit.Generators.Parsing;

/// <summary>
/// The parts of an ASP.NET Core route template the generator needs: its parameters and the OpenAPI path
/// (<c>/api/items/{id:int}</c> becomes <c>/api/items/{id}</c>). Rejects what the router would reject at start-up.
/// </summary>
internal sealed class RouteTemplate
{
    private static readonly Regex ParameterName = new(@"^[A-Za-z_][A-Za-z0-9_\-]*$", RegexOptions.CultureInvariant);

    private RouteTemplate(string documentPath, List<string> parameters, string? error)
    {
        DocumentPath = documentPath;
        Parameters = parameters;
        Error = error;
    }

    public string DocumentPath { get; }

    public IReadOnlyList<string> Parameters { get; }

    public string? Error { get; }

    public static RouteTemplate Parse(string template)
    {
        var parameters = new List<string>();
        if (template.Length == 0 || template[0] != '/')
        {
            return Fail("it must start with '/'");
        }

        var path = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c == '}')
            {
                return Fail("'}' without '{'");
            }

            if (c != '{')
            {
                if (c == '/' && i + 1 < template.Length && template[i + 1] == '/')
                {
                    return Fail("empty segment '//'");
                }

                if (c == '?' || c == '#')
                {
                    return Fail($"'{c}' is not allowed outside a parameter; a query string does not belong in a route");
                }

                path.Append(c);
                i++;
                continue;
            }

            var end = template.IndexOf('}', i);
            if (end < 0)
            {
                return Fail("'{' without '}'");
            }

            var body = template.Substring(i + 1, end - i - 1);
            var name = body.TrimStart('*');
            var cut = name.IndexOfAny([':', '=', '?']);
            if (cut >= 0)
            {
                name = name.Substring(0, cut);
            }

            if (!ParameterName.IsMatch(name))
            {
                return Fail($"'{{{body}}}' is not a parameter name");
            }

            foreach (var existing in parameters)
            {
                if (string.Equals(existing, name, System.StringComparison.OrdinalIgnoreCase))
                {
                    return Fail($"parameter '{name}' appears twice");
                }
            }

            parameters.Add(name);
            path.Append('{').Append(name).Append('}');
            i = end + 1;
        }

        return new RouteTemplate(path.ToString(), parameters, null);

        RouteTemplate Fail(string error) => new(template, parameters, error);
    }
}
