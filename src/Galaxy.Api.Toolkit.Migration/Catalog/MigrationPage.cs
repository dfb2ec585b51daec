using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace Galaxy.Api.Toolkit.Migration.Catalog;

/// <summary>
/// <c>GET {AdminPath}</c> (admins only): the coverage report as a page, for people who would rather look than read
/// JSON — the share of legacy operations ported, the busiest legacy routes and what is already ported. Plain HTML and
/// CSS: no script, nothing from another host. In a browser an admin opens it with <c>?key=&lt;API key&gt;</c>.
/// </summary>
internal static class MigrationPage
{
    public static Task WriteAsync(HttpContext context, CoverageReport report, string root)
    {
        var html = Render(report, context.Request.PathBase.Value + root, context.Request.Query["key"].ToString());
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsync(html, context.RequestAborted);
    }

    internal static string Render(CoverageReport report, string root, string key)
    {
        static string E(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);
        var keyQuery = key.Length == 0 ? string.Empty : "?key=" + UrlEncoder.Default.Encode(key);
        var percent = report.PercentPorted.ToString("0.0", CultureInfo.InvariantCulture);
        var html = new StringBuilder(4096);
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Migration status</title>
              <style>
                body { font: 15px/1.5 sans-serif; margin: 2em auto; max-width: 60em; color: #1b1b1b; padding: 0 1em; }
                .bar { background: #e4e4e4; border-radius: 4px; height: 1.4em; overflow: hidden; }
                .bar div { background: #2c7a3f; height: 100%; }
                table { border-collapse: collapse; width: 100%; margin-bottom: 2em; }
                th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #ddd; }
                td.n { text-align: right; font-variant-numeric: tabular-nums; }
                code { font-size: 90%; }
              </style>
            </head>
            <body>
              <h1>Migration status</h1>
              <p id="summary"><strong>{{report.Ported}} of {{report.LegacyOperations}}</strong> legacy operations ported ({{percent}}%);
                {{report.StillLegacy}} still served by the legacy application.</p>
              <div class="bar" role="img" aria-label="{{percent}}% ported"><div style="width: {{percent}}%"></div></div>
              <p>{{report.ForwardedRequests}} requests forwarded to the legacy application since {{E(report.CountingSince.ToString("u", CultureInfo.InvariantCulture))}}, to {{report.LegacyOperationsUsed}} of its operations.</p>
              <h2>Busiest legacy routes (what to port next)</h2>

            """);
        Table(html, report.Busiest.Select(static l => (l.Method + " " + l.Path, l.OperationId, l.Requests)), "busiest", "No legacy operation has been used yet.");
        html.Append("  <h2>Requests to routes the manifest does not list</h2>\n");
        Table(html, report.Unlisted.Select(static l => (l.Path, (string?)null, l.Requests)), "unlisted", "None.");
        html.Append("  <h2>Ported operations</h2>\n  <ul id=\"ported\">\n");
        foreach (var operation in report.PortedOperations)
        {
            html.Append(CultureInfo.InvariantCulture, $"    <li><code>{E(operation.Method)} {E(operation.Path)}</code>{(operation.OperationId is null ? string.Empty : " (" + E(operation.OperationId) + ")")}</li>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"""
              </ul>
              <p>As JSON: <a href="{E(root + "/coverage" + keyQuery)}">coverage</a>, <a href="{E(root + "/shadow" + keyQuery)}">shadow traffic</a>.</p>
            </body>
            </html>

            """);
        return html.ToString();

        static void Table(StringBuilder html, IEnumerable<(string Route, string? OperationId, long Requests)> rows, string id, string empty)
        {
            var list = rows.ToList();
            if (list.Count == 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"  <p id=\"{id}\">{empty}</p>\n");
                return;
            }

            html.Append(CultureInfo.InvariantCulture, $"  <table id=\"{id}\">\n    <tr><th>route</th><th>operation</th><th>requests</th></tr>\n");
            foreach (var (route, operationId, requests) in list)
            {
                html.Append(CultureInfo.InvariantCulture, $"    <tr><td><code>{E(route)}</code></td><td>{E(operationId)}</td><td class=\"n\">{requests}</td></tr>\n");
            }

            html.Append("  </table>\n");
        }
    }
}
