using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Galaxy.Modern.Tests;

/// <summary>Requests shaped as Galaxy's clients send them: JSON content type on every request, GETs included.</summary>
internal static class GalaxyRequests
{
    public static async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(this HttpClient client, HttpMethod method, string path, string? json = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = new StringContent(json ?? string.Empty, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Asserts Galaxy's error body and returns it.</summary>
    public static JsonElement AssertGalaxyError(this (HttpResponseMessage Response, JsonElement Body) result, int status, int code)
    {
        Assert.Equal(status, (int)result.Response.StatusCode);
        Assert.Equal("application/json", result.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, result.Body.GetProperty("err_code").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(result.Body.GetProperty("err_msg").GetString()));
        return result.Body;
    }
}
