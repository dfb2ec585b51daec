using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Galaxy.Samples.Tests;

/// <summary>Requests shaped as Galaxy's clients send them: a JSON content type on every request, GETs included.</summary>
internal static class GalaxyRequests
{
    public static async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(this HttpClient client, HttpMethod method, string path, string? json = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json ?? string.Empty, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await client.ExchangeAsync(request);
    }

    /// <summary>Sends a prepared request; the answer with its parsed JSON body.</summary>
    public static async Task<(HttpResponseMessage Response, JsonElement Body)> ExchangeAsync(this HttpClient client, HttpRequestMessage request)
    {
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Sends and asserts 200 with a JSON body.</summary>
    public static async Task<JsonElement> OkAsync(this HttpClient client, HttpMethod method, string path, string? json = null)
    {
        var (response, body) = await client.SendAsync(method, path, json);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"{method} {path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    /// <summary>Asserts Galaxy's error body (<c>err_msg</c>, <c>err_code</c>) with the status of its code.</summary>
    public static JsonElement AssertGalaxyError(this (HttpResponseMessage Response, JsonElement Body) result, int status, int code)
    {
        Assert.True((int)result.Response.StatusCode == status, $"expected {status}, got {(int)result.Response.StatusCode}: {result.Body}");
        Assert.Equal("application/json", result.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, result.Body.GetProperty("err_code").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(result.Body.GetProperty("err_msg").GetString()));
        return result.Body;
    }

    public static string[] Keys(this JsonElement element) => [.. element.EnumerateObject().Select(static p => p.Name).Order(StringComparer.Ordinal)];

    public static string Text(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    /// <summary>The element as JSON with every object's keys in ordinal order: equal for answers that differ only in key order.</summary>
    public static string Canonical(this JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().OrderBy(static p => p.Name, StringComparer.Ordinal)
            .Select(static p => JsonSerializer.Serialize(p.Name) + ":" + p.Value.Canonical())) + "}",
        JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(static e => e.Canonical())) + "]",
        _ => element.GetRawText(),
    };
}

/// <summary>The key sets GALAXY-API.md lists.</summary>
internal static class GalaxyKeys
{
    public static readonly string[] HistorySummary =
        ["id", "model_class", "name", "deleted", "purged", "archived", "count", "url", "published", "annotation", "tags", "update_time"];

    public static readonly string[] HistoryDetailed =
    [
        .. HistorySummary,
        "contents_url", "create_time", "empty", "size", "user_id", "importable", "slug", "username", "genome_build", "state", "state_details", "state_ids", "hid_counter",
    ];

    public static readonly string[] User =
        ["id", "username", "email", "deleted", "purged", "is_admin", "total_disk_usage", "nice_total_disk_usage", "quota_percent", "preferences", "tags_used"];

    public static readonly string[] DatasetDetailedIncludes =
    [
        "id", "name", "history_id", "hid", "history_content_type", "state", "extension", "file_ext", "file_size", "deleted", "purged", "visible",
        "genome_build", "misc_info", "misc_blurb", "peek", "create_time", "update_time", "url", "download_url", "model_class", "hda_ldda", "uuid",
    ];

    public static string[] Sorted(this string[] keys) => [.. keys.Order(StringComparer.Ordinal)];
}
