using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Galaxy.Api.Toolkit.Tests.Behaviour;

/// <summary>A response read whole: status, headers and body text.</summary>
public sealed record Reply(HttpStatusCode Status, string Text, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders)
{
    /// <summary>The body as JSON.</summary>
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Text);
            return document.RootElement.Clone();
        }
    }

    /// <summary>The raw JSON text of a property of the body.</summary>
    /// <param name="name">The property name.</param>
    public string Raw(string name) => Json.GetProperty(name).GetRawText();

    public override string ToString() => $"{(int)Status} {Text}";
}

/// <summary>Requests and assertions of the behaviour suite.</summary>
internal static class BehaviourHttp
{
    /// <summary>Sends a request and reads the whole response.</summary>
    public static async Task<Reply> SendAsync(this HttpClient client, HttpMethod method, string path, HttpContent? content = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new Reply(response.StatusCode, text, response.Headers, response.Content.Headers);
    }

    /// <summary>A GET request.</summary>
    public static Task<Reply> GetReplyAsync(this HttpClient client, string path, params (string Name, string Value)[] headers)
        => client.SendAsync(HttpMethod.Get, path, null, headers);

    /// <summary>A POST request of a JSON body.</summary>
    public static Task<Reply> PostJsonAsync(this HttpClient client, string path, string json, string contentType = "application/json")
        => client.SendAsync(HttpMethod.Post, path, new StringContent(json, Encoding.UTF8, contentType));

    /// <summary>A POST request of an <c>application/x-www-form-urlencoded</c> body.</summary>
    public static Task<Reply> PostUrlEncodedAsync(this HttpClient client, string path, params (string Name, string Value)[] fields)
        => client.SendAsync(HttpMethod.Post, path, new FormUrlEncodedContent(fields.Select(static f => new KeyValuePair<string, string>(f.Name, f.Value))));

    /// <summary>A POST request of a <c>multipart/form-data</c> body.</summary>
    public static Task<Reply> PostMultipartAsync(this HttpClient client, string path, params (string Name, string Value)[] fields)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value, Encoding.UTF8), name);
        }

        return client.SendAsync(HttpMethod.Post, path, content);
    }

    /// <summary>Asserts a 200 whose body is exactly <paramref name="json"/> (compared as raw JSON text).</summary>
    public static void AssertOk(this Reply reply, string json)
    {
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal(json, reply.Text);
    }

    /// <summary>
    /// Asserts Galaxy's validation error body: status 400, <paramref name="code"/>, and exactly the given failures in
    /// order, each written <c>["query","name"] type</c> (the raw JSON of <c>loc</c>, a space, the <c>type</c>);
    /// <c>err_msg</c> has one line per failure.
    /// </summary>
    public static void AssertValidation(this Reply reply, int code, params string[] failures)
    {
        Assert.True(reply.Status == HttpStatusCode.BadRequest, reply.ToString());
        var body = reply.Json;
        Assert.Equal(code, body.GetProperty("err_code").GetInt32());
        var actual = body.GetProperty("validation_errors").EnumerateArray()
            .Select(static e => e.GetProperty("loc").GetRawText() + " " + e.GetProperty("type").GetString())
            .ToArray();
        Assert.Equal(failures, actual);
        Assert.Equal(failures.Length, body.GetProperty("err_msg").GetString()!.Split('\n').Length);
        foreach (var failure in body.GetProperty("validation_errors").EnumerateArray())
        {
            Assert.False(string.IsNullOrEmpty(failure.GetProperty("msg").GetString()));
        }
    }

    /// <summary>Asserts a Galaxy error body without validation errors.</summary>
    public static void AssertError(this Reply reply, HttpStatusCode status, int code, string? message = null)
    {
        Assert.True(reply.Status == status, reply.ToString());
        var body = reply.Json;
        Assert.Equal(code, body.GetProperty("err_code").GetInt32());
        if (message is not null)
        {
            Assert.Equal(message, body.GetProperty("err_msg").GetString());
        }
    }

    /// <summary>Escapes a query value.</summary>
    public static string Q(string value) => Uri.EscapeDataString(value);
}
