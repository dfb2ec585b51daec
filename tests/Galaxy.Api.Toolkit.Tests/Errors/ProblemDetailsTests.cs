using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Galaxy.Api.Toolkit.Tests.Errors;

public sealed class ProblemDetailsTests
{
    [Fact]
    public async Task Errors_are_RFC_9457_problem_details_when_the_api_says_so()
    {
        var services = new ServiceCollection().AddGalaxyApi().BuildServiceProvider();
        services.GetRequiredService<ErrorFormat>().ProblemDetails = true;
        var context = new DefaultHttpContext { RequestServices = services };
        var body = new MemoryStream();
        context.Response.Body = body;

        await GalaxyErrorResponse.WriteAsync(context, GalaxyErrorCodes.UserRequestMissingParameter, "Field required in ('query', 'a')",
            [new ValidationError(["query", "a"], "Field required", "missing")]);

        Assert.Equal(400, context.Response.StatusCode);
        Assert.Equal("application/problem+json; charset=utf-8", context.Response.ContentType);
        using var json = JsonDocument.Parse(body.ToArray());
        Assert.Equal(
            """{"type":"about:blank","title":"Bad Request","status":400,"detail":"Field required in ('query', 'a')","err_code":400007,"validation_errors":[{"loc":["query","a"],"msg":"Field required","type":"missing"}]}""",
            json.RootElement.GetRawText());
    }

    [Fact]
    public async Task Errors_are_Galaxy_bodies_by_default()
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddGalaxyApi().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();

        await GalaxyErrorResponse.WriteAsync(context, GalaxyErrorCodes.Conflict);

        Assert.Equal(409, context.Response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", context.Response.ContentType);
    }
}
