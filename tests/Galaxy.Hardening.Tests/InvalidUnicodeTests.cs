using System.Net;
using System.Text;
using System.Text.Json;

namespace Galaxy.Hardening.Tests;

/// <summary>
/// Found by <see cref="BadInputTests"/>: a JSON string that is not valid Unicode (invalid UTF-8 bytes, an unpaired
/// surrogate escape) in a history's body made the modern host answer 500; it is Galaxy's 400 with the member's location.
/// </summary>
public sealed class InvalidUnicodeTests(HardeningHost host) : IClassFixture<HardeningHost>
{
    public static TheoryData<string, string, string> Bodies => new()
    {
        // method, body (\xNN: that byte), the member's location
        { "POST", """{"name": "a\xc3(b"}""", "name" },
        { "POST", """{"name": "\ud800"}""", "name" },
        { "PUT", """{"name": "a\xc3(b"}""", "name" },
        { "PUT", """{"name": "\udc00x"}""", "name" },
        { "PUT", """{"genome_build": "a\xc1\xbfb"}""", "genome_build" },
        { "PUT", """{"annotation": "\ud800"}""", "annotation" },
        { "PUT", """{"tags": ["ok", "\xff"]}""", "tags" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_string_that_is_not_valid_Unicode_is_Galaxys_400_naming_the_member(string method, string body, string member)
    {
        var ct = TestContext.Current.CancellationToken;
        var target = method == "POST" ? "/api/histories" : "/api/histories/" + host.HistoryIds[1];
        using var request = new HttpRequestMessage(new HttpMethod(method), target) { Content = new ByteArrayContent(Bytes(body)) };
        request.Content.Headers.ContentType = new("application/json");
        using var response = await host.Client.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        using var error = JsonDocument.Parse(text);
        Assert.Equal(400008, error.RootElement.GetProperty("err_code").GetInt32());
        Assert.Equal(JsonValueKind.String, error.RootElement.GetProperty("err_msg").ValueKind);
        var location = error.RootElement.GetProperty("validation_errors")[0].GetProperty("loc");
        Assert.Equal("body", location[0].GetString());
        Assert.Equal(member, location[1].GetString());
    }

    /// <summary>The body's bytes: UTF-8, with each <c>\xNN</c> written as that raw byte.</summary>
    private static byte[] Bytes(string body)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == '\\' && i + 3 < body.Length && body[i + 1] == 'x')
            {
                bytes.Add(Convert.ToByte(body.Substring(i + 2, 2), 16));
                i += 3;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(body[i].ToString()));
            }
        }

        return [.. bytes];
    }
}
