using System.ComponentModel;
using Microsoft.AspNetCore.Http;

namespace Galaxy.Api.Toolkit.Binding;

/// <summary>Reads raw parameter values from a request; used by generated handlers.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RequestValues
{
    /// <summary>The route value <paramref name="name"/>, or null when absent.</summary>
    /// <param name="context">The request.</param>
    /// <param name="name">The route parameter name.</param>
    public static string? Route(HttpContext context, string name)
        => context.Request.RouteValues.TryGetValue(name, out var value) ? value as string : null;

    /// <summary>
    /// The query value <paramref name="name"/>, or null when absent. When the key repeats, the last value wins, as
    /// FastAPI reads scalar query parameters.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="name">The query key.</param>
    public static string? Query(HttpContext context, string name)
    {
        var values = context.Request.Query[name];
        return values.Count == 0 ? null : values[values.Count - 1];
    }

    /// <summary>The header <paramref name="name"/>, or null when absent; repeated headers give their last value.</summary>
    /// <param name="context">The request.</param>
    /// <param name="name">The header name.</param>
    public static string? Header(HttpContext context, string name)
    {
        var values = context.Request.Headers[name];
        return values.Count == 0 ? null : values[values.Count - 1];
    }

    /// <summary>Every value of the query key <paramref name="name"/>, in order; empty when absent.</summary>
    /// <param name="context">The request.</param>
    /// <param name="name">The query key.</param>
    public static Microsoft.Extensions.Primitives.StringValues QueryAll(HttpContext context, string name) => context.Request.Query[name];

    /// <summary>Every value of a header, in order; empty when absent.</summary>
    /// <param name="context">The request.</param>
    /// <param name="name">The header name.</param>
    public static Microsoft.Extensions.Primitives.StringValues HeaderAll(HttpContext context, string name) => context.Request.Headers[name];

    /// <summary>
    /// The items of comma-separated values (<c>keys=a,b&amp;keys=c</c> gives a, b, c), trimmed, empty items dropped;
    /// empty when the key is absent.
    /// </summary>
    /// <param name="values">The raw values.</param>
    public static Microsoft.Extensions.Primitives.StringValues SplitCommas(Microsoft.Extensions.Primitives.StringValues values)
    {
        if (values.Count == 0)
        {
            return values;
        }

        var items = new List<string>();
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            foreach (var item in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                items.Add(item);
            }
        }

        return new Microsoft.Extensions.Primitives.StringValues(items.ToArray());
    }
}
