using System.Net;
using System.Text;
using Galaxy.Api.Toolkit.Tests.Behaviour;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Galaxy.Api.Toolkit.Tests.Limits;

/// <summary>Request bodies and JSON shapes the tests send.</summary>
internal static class LimitBodies
{
    public static string Items(int count) => string.Join(',', Enumerable.Range(0, count));

    public static string Members(int count) => string.Join(',', Enumerable.Range(0, count).Select(static i => $"\"k{i}\": {i}"));

    public static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    /// <summary>A valid body of exactly <paramref name="bytes"/> bytes: a small object followed by spaces.</summary>
    public static string Padded(int bytes)
    {
        const string Json = """{"name": "x"}""";
        return Json + new string(' ', bytes - Json.Length);
    }
}

/// <summary>The limits at their defaults, over real HTTP: each limit is accepted exactly, refused one past.</summary>
public sealed class DefaultLimitsTests(BehaviourHost host) : IClassFixture<BehaviourHost>
{
    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var options = new GalaxyApiOptions();

        Assert.Equal(4 * 1024 * 1024, options.Limits.MaxBodyBytes);
        Assert.Equal(options.Limits.MaxBodyBytes, options.MaxJsonBodyBytes);
        Assert.Equal(64, options.Limits.MaxJsonDepth);
        Assert.Equal(10_000, options.Limits.MaxCollectionLength);
        Assert.Equal(1_048_576, options.Limits.MaxStringLength);
        Assert.Equal(TimeSpan.FromSeconds(100), options.Limits.RequestTimeout);
    }

    [Fact]
    public void MaxJsonBodyBytes_is_the_body_limit()
    {
        var options = new GalaxyApiOptions { MaxJsonBodyBytes = 1234 };

        Assert.Equal(1234, options.Limits.MaxBodyBytes);
    }

    [Fact]
    public async Task Body_of_exactly_4_MiB_is_read_and_one_byte_more_is_413()
    {
        var atLimit = await host.Client.PostJsonAsync("/behaviour/limits/json", LimitBodies.Padded(4 * 1024 * 1024));
        var over = await host.Client.PostJsonAsync("/behaviour/limits/json", LimitBodies.Padded((4 * 1024 * 1024) + 1));

        Assert.True(atLimit.Status == HttpStatusCode.OK, atLimit.ToString());
        over.AssertError(HttpStatusCode.RequestEntityTooLarge, 413001);
    }

    [Fact]
    public async Task String_of_1_MiB_characters_is_read_and_one_more_is_400()
    {
        var atLimit = await host.Client.PostJsonAsync("/behaviour/limits/json", $$"""{"name": "{{new string('a', 1_048_576)}}"}""");
        var over = await host.Client.PostJsonAsync("/behaviour/limits/json", $$"""{"name": "{{new string('a', 1_048_577)}}"}""");

        Assert.Equal(HttpStatusCode.OK, atLimit.Status);
        Assert.Equal(1_048_576, atLimit.Json.GetProperty("name_length").GetInt32());
        over.AssertValidation(400008, """["body","name"] string_too_long""");
        Assert.Equal("String should have at most 1048576 characters", over.Json.GetProperty("validation_errors")[0].GetProperty("msg").GetString());
    }

    [Fact]
    public async Task Array_of_10_000_items_is_read_and_one_more_is_400()
    {
        var atLimit = await host.Client.PostJsonAsync("/behaviour/limits/json", $$"""{"items": [{{LimitBodies.Items(10_000)}}]}""");
        var over = await host.Client.PostJsonAsync("/behaviour/limits/json", $$"""{"items": [{{LimitBodies.Items(10_001)}}]}""");

        Assert.Equal(10_000, atLimit.Json.GetProperty("items").GetInt32());
        over.AssertValidation(400008, """["body","items"] too_long""");
        Assert.Equal("List should have at most 10000 items after validation, not 10001", over.Json.GetProperty("validation_errors")[0].GetProperty("msg").GetString());
    }

    [Fact]
    public async Task Nesting_of_64_levels_is_read_and_65_is_400()
    {
        var atLimit = await host.Client.PostJsonAsync("/behaviour/limits/any", LimitBodies.Nested(64));
        var over = await host.Client.PostJsonAsync("/behaviour/limits/any", LimitBodies.Nested(65));

        atLimit.AssertOk("64");
        over.AssertValidation(400008, """["body"] json_too_deep""");
    }

    [Theory]
    [InlineData("/behaviour/limits/any")]
    [InlineData("/behaviour/limits/json")]
    public async Task Nesting_of_1000_levels_is_400_never_500(string path)
    {
        var arrays = await host.Client.PostJsonAsync(path, LimitBodies.Nested(1000));
        var objects = await host.Client.PostJsonAsync(path, string.Concat(Enumerable.Repeat("{\"a\": ", 1000)) + "1" + new string('}', 1000));

        arrays.AssertValidation(400008, """["body"] json_too_deep""");
        objects.AssertValidation(400008, """["body"] json_too_deep""");
    }

    [Fact]
    public async Task Form_field_repeated_10_000_times_is_read_and_once_more_is_400()
    {
        var atLimit = await host.Client.PostUrlEncodedAsync("/behaviour/limits/form", [.. Enumerable.Range(0, 10_000).Select(static i => ("items", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))]);
        var over = await host.Client.PostUrlEncodedAsync("/behaviour/limits/form", [.. Enumerable.Range(0, 10_001).Select(static i => ("items", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))]);

        Assert.Equal(10_000, atLimit.Json.GetProperty("items").GetInt32());
        over.AssertValidation(400008, """["body","items"] too_long""");
    }
}

/// <summary>The behaviour host with every size limit configured low, and no request timeout.</summary>
public sealed class LimitsHost : BehaviourHost
{
    public const int MaxBodyBytes = 2 * 1024 * 1024;
    public const int MaxJsonDepth = 8;
    public const int MaxCollectionLength = 20;
    public const int MaxStringLength = 100;

    protected override void ConfigureServices(IServiceCollection services)
        => services.AddGalaxyApi(options =>
        {
            options.Limits.MaxBodyBytes = MaxBodyBytes;
            options.Limits.MaxJsonDepth = MaxJsonDepth;
            options.Limits.MaxCollectionLength = MaxCollectionLength;
            options.Limits.MaxStringLength = MaxStringLength;
            options.Limits.RequestTimeout = null;
        });
}

/// <summary>The behaviour host with a short request timeout.</summary>
public sealed class TimeoutHost : BehaviourHost
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(2);

    protected override void ConfigureServices(IServiceCollection services)
        => services.AddGalaxyApi(options => options.Limits.RequestTimeout = RequestTimeout);
}

/// <summary>The limits configured (<see cref="LimitsHost"/>), over real HTTP.</summary>
public sealed class ConfiguredLimitsTests(LimitsHost host) : IClassFixture<LimitsHost>
{
    [Fact]
    public async Task Body_of_exactly_the_limit_is_read_and_one_byte_more_is_413()
    {
        var atLimit = await host.Client.PostJsonAsync("/behaviour/limits/json", LimitBodies.Padded(LimitsHost.MaxBodyBytes));
        var over = await host.Client.PostJsonAsync("/behaviour/limits/json", LimitBodies.Padded(LimitsHost.MaxBodyBytes + 1));

        Assert.True(atLimit.Status == HttpStatusCode.OK, atLimit.ToString());
        over.AssertError(HttpStatusCode.RequestEntityTooLarge, 413001, "The request body is larger than 2097152 bytes.");
    }

    [Fact]
    public async Task String_at_the_limit_is_read_and_one_character_more_is_400()
    {
        var atLimit = await host.Client.PostJsonAsync("/behaviour/limits/json", $$"""{"name": "{{new string('é', 100)}}"}""");
        var over = await host.Client.PostJsonAsync("/behaviour/limits/json", $$"""{"name": "{{new string('é', 101)}}"}""");
        var escaped = await host.Client.PostJsonAsync("/behaviour/limits/json", $$"""{"name": "{{string.Concat(Enumerable.Repeat("\\u00e9", 100))}}"}""");

        Assert.Equal(100, atLimit.Json.GetProperty("name_length").GetInt32());
        Assert.Equal(100, escaped.Json.GetProperty("name_length").GetInt32());
        over.AssertValidation(400008, """["body","name"] string_too_long""");
        Assert.Equal("String should have at most 100 characters in ('body', 'name')", over.Json.GetProperty("err_msg").GetString());
    }

    [Fact]
    public async Task String_of_1_MB_is_400_at_its_location()
    {
        var reply = await host.Client.PostJsonAsync("/behaviour/limits/json", $$"""{"items": [1, 2], "nested": [[1], ["{{new string('x', 1_000_000)}}"]]}""");

        reply.AssertValidation(400008, """["body","nested",1,0] string_too_long""");
    }

    [Fact]
    public async Task Collections_at_the_limit_are_read_and_one_item_more_is_400_at_each_location()
    {
        var atLimit = await host.Client.PostJsonAsync("/behaviour/limits/json",
            $$"""{"items": [{{LimitBodies.Items(20)}}], "map": { {{LimitBodies.Members(20)}} }, "nested": [[1], [{{LimitBodies.Items(20)}}]]}""");
        var over = await host.Client.PostJsonAsync("/behaviour/limits/json",
            $$"""{"items": [{{LimitBodies.Items(21)}}], "map": { {{LimitBodies.Members(21)}} }, "nested": [[1], [{{LimitBodies.Items(21)}}]]}""");

        atLimit.AssertOk("""{"name_length":0,"items":20,"map":20,"nested":2,"declared":0,"title_length":0}""");
        over.AssertValidation(400008, """["body","items"] too_long""", """["body","map"] too_long""", """["body","nested",1] too_long""");
        Assert.Equal("Object should have at most 20 members, not 21", over.Json.GetProperty("validation_errors")[1].GetProperty("msg").GetString());
    }

    [Fact]
    public async Task Object_with_too_many_members_is_400_even_when_they_are_unknown()
    {
        var reply = await host.Client.PostJsonAsync("/behaviour/limits/json", $$"""{ {{LimitBodies.Members(21)}} }""");

        reply.AssertValidation(400008, """["body"] too_long""");
    }

    [Fact]
    public async Task Member_that_declares_its_maximum_is_held_to_it_not_to_the_default()
    {
        var underDeclared = await host.Client.PostJsonAsync("/behaviour/limits/json",
            $$"""{"declared": [{{LimitBodies.Items(30)}}], "title": "{{new string('t', 150)}}"}""");
        var overDeclared = await host.Client.PostJsonAsync("/behaviour/limits/json",
            $$"""{"declared": [{{LimitBodies.Items(31)}}], "title": "{{new string('t', 151)}}"}""");

        underDeclared.AssertOk("""{"name_length":0,"items":0,"map":0,"nested":0,"declared":30,"title_length":150}""");
        overDeclared.AssertValidation(400008, """["body","declared"] too_long""", """["body","title"] string_too_long""");
    }

    [Fact]
    public async Task Nesting_at_the_limit_is_read_and_one_level_more_is_400()
    {
        var atLimit = await host.Client.PostJsonAsync("/behaviour/limits/any", LimitBodies.Nested(LimitsHost.MaxJsonDepth));
        var over = await host.Client.PostJsonAsync("/behaviour/limits/any", LimitBodies.Nested(LimitsHost.MaxJsonDepth + 1));
        var deep = await host.Client.PostJsonAsync("/behaviour/limits/any", LimitBodies.Nested(1000));

        atLimit.AssertOk("8");
        over.AssertValidation(400008, """["body"] json_too_deep""");
        Assert.Equal("The JSON body should be nested at most 8 levels deep in ('body',)", over.Json.GetProperty("err_msg").GetString());
        deep.AssertValidation(400008, """["body"] json_too_deep""");
    }

    [Fact]
    public async Task Malformed_body_under_the_limits_is_still_400003()
    {
        var reply = await host.Client.PostJsonAsync("/behaviour/limits/json", """{"items": [1, 2""");

        reply.AssertError(HttpStatusCode.BadRequest, 400003);
    }

    [Fact]
    public async Task Form_values_obey_the_string_and_collection_limits()
    {
        var longValue = await host.Client.PostUrlEncodedAsync("/behaviour/limits/form", ("name", new string('n', 101)));
        var manyValues = await host.Client.PostMultipartAsync("/behaviour/limits/form", [.. Enumerable.Range(0, 21).Select(static i => ("items", "1"))]);
        var atLimit = await host.Client.PostUrlEncodedAsync("/behaviour/limits/form",
            [("name", new string('n', 100)), .. Enumerable.Range(0, 20).Select(static i => ("items", "1"))]);

        longValue.AssertValidation(400008, """["body","name"] string_too_long""");
        manyValues.AssertValidation(400008, """["body","items"] too_long""");
        atLimit.AssertOk("""{"name_length":100,"items":20,"map":0,"nested":0,"declared":0,"title_length":0}""");
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "name=")]
    [InlineData("application/json", "{\"name\": \"")]
    public async Task Chunked_body_over_the_limit_is_413(string contentType, string prefix)
    {
        // No Content-Length: the limit is found while reading (for a form, by the reader's value length limit).
        var body = Encoding.UTF8.GetBytes(prefix + new string('a', LimitsHost.MaxBodyBytes));
        using var content = new ChunkedContent(body, contentType);

        var reply = await host.Client.SendAsync(HttpMethod.Post, "/behaviour/limits/form".Replace("form", contentType.EndsWith("json", StringComparison.Ordinal) ? "json" : "form", StringComparison.Ordinal), content);

        reply.AssertError(HttpStatusCode.RequestEntityTooLarge, 413001);
    }

    [Fact]
    public async Task Form_with_more_values_than_any_body_can_hold_is_400()
    {
        // 20 items plus one value for each of the 6 members is the most a form of this body can need.
        var reply = await host.Client.PostUrlEncodedAsync("/behaviour/limits/form", [.. Enumerable.Range(0, 27).Select(static i => ("unknown", "1"))]);

        reply.AssertValidation(400008, """["body"] too_long""");
        Assert.Equal("The form should have at most 26 values in ('body',)", reply.Json.GetProperty("err_msg").GetString());
    }
}

/// <summary>The request timeout (<see cref="TimeoutHost"/>), over real HTTP.</summary>
public sealed class RequestTimeoutTests(TimeoutHost host) : IClassFixture<TimeoutHost>
{
    [Theory]
    [InlineData("/behaviour/limits/slow")]
    [InlineData("/behaviour/limits/slow-wrapped")]
    public async Task Request_over_the_timeout_is_504_in_Galaxy_s_format(string path)
    {
        var reply = await host.Client.GetReplyAsync(path);

        reply.AssertError(HttpStatusCode.GatewayTimeout, 504001, "The request took longer than the server allows and was cancelled.");
        Assert.StartsWith("application/json", reply.ContentHeaders.ContentType!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handler_may_lift_the_timeout_of_its_request()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/limits/slow-allowed?waitMilliseconds=" + (int)(TimeoutHost.RequestTimeout.TotalMilliseconds * 3));

        reply.AssertOk("\"finished\"");
    }

    [Fact]
    public async Task Fast_request_is_not_affected_by_the_timeout()
    {
        var reply = await host.Client.PostJsonAsync("/behaviour/limits/json", """{"name": "quick"}""");

        reply.AssertOk("""{"name_length":5,"items":0,"map":0,"nested":0,"declared":0,"title_length":0}""");
    }

    [Fact]
    public async Task Request_that_buffered_part_of_its_answer_before_the_timeout_is_aborted_not_answered_twice()
    {
        // The handler swallows the cancellation and answers; its answer cannot be flushed any more (the token is
        // cancelled) and cannot be taken back: the connection is aborted, so the client never sees a complete response.
        await Assert.ThrowsAsync<HttpRequestException>(() => host.Client.GetReplyAsync("/behaviour/limits/slow-swallowed"));
    }
}

/// <summary>A body sent chunked, without Content-Length.</summary>
internal sealed class ChunkedContent : HttpContent
{
    private readonly byte[] _body;

    public ChunkedContent(byte[] body, string contentType)
    {
        _body = body;
        Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_body).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}

/// <summary>Option values that cannot work fail at start-up, naming the option.</summary>
public sealed class LimitOptionsValidationTests
{
    public static TheoryData<string, string> InvalidValues => new()
    {
        { "body", "GalaxyApiOptions.Limits.MaxBodyBytes is -1: it must be a positive number of bytes." },
        { "depth", "GalaxyApiOptions.Limits.MaxJsonDepth is 0: it must be between 1 and 4096." },
        { "deep", "GalaxyApiOptions.Limits.MaxJsonDepth is 5000: it must be between 1 and 4096." },
        { "collection", "GalaxyApiOptions.Limits.MaxCollectionLength is -5: it must be a positive number of items." },
        { "string", "GalaxyApiOptions.Limits.MaxStringLength is 0: it must be a positive number of characters." },
        { "timeout", "GalaxyApiOptions.Limits.RequestTimeout is -00:00:01: it must be positive" },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public async Task Invalid_value_fails_at_start_up_with_a_clear_message(string which, string message)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddGalaxyApi(options =>
        {
            switch (which)
            {
                case "body": options.MaxJsonBodyBytes = -1; break;
                case "depth": options.Limits.MaxJsonDepth = 0; break;
                case "deep": options.Limits.MaxJsonDepth = 5000; break;
                case "collection": options.Limits.MaxCollectionLength = -5; break;
                case "string": options.Limits.MaxStringLength = 0; break;
                default: options.Limits.RequestTimeout = TimeSpan.FromSeconds(-1); break;
            }
        });
        await using var app = builder.Build();

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeout_applies_without_the_error_middleware_too()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddGalaxyApi(options =>
        {
            options.UseErrorHandling = false;
            options.Limits.RequestTimeout = TimeSpan.FromSeconds(1);
        });
        await using var app = builder.Build();
        app.MapGet("/slow", static async (Microsoft.AspNetCore.Http.HttpContext context) =>
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
            return "never";
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        var reply = await client.GetReplyAsync("/slow");

        reply.AssertError(HttpStatusCode.GatewayTimeout, 504001);
    }

    [Fact]
    public async Task Timeout_may_be_turned_off()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddGalaxyApi(options => options.Limits.RequestTimeout = null);
        await using var app = builder.Build();
        app.MapGet("/feature", static (Microsoft.AspNetCore.Http.HttpContext context) =>
            context.Features.Get<Microsoft.AspNetCore.Http.Timeouts.IHttpRequestTimeoutFeature>() is null ? "none" : "timeout");
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        var text = await client.GetStringAsync("/feature", TestContext.Current.CancellationToken);

        Assert.Equal("none", text);
    }
}
