using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Galaxy.Api.Toolkit.Tests.Hosting;

public sealed class MisuseTests
{
    [Fact]
    public async Task MapGalaxyApi_without_AddGalaxyApi_says_what_to_call()
    {
        await using var app = WebApplication.CreateSlimBuilder().Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapGalaxyApi());

        Assert.Contains("AddGalaxyApi", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_naming_policy_at_run_time_is_refused()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddGalaxyApi(o => o.ConfigureJson(json => json.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase));
        builder.Services.AddGalaxyAuthentication();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapGalaxyApi());

        Assert.Contains("GalaxyApiDocument(JsonNaming", error.Message, StringComparison.Ordinal);
    }
}

public sealed class MissingServiceTests
{
    [Fact]
    public async Task Router_whose_service_is_not_registered_fails_at_start_up_naming_it()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddGalaxyApi();
        builder.Services.AddGalaxyAuthentication();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapGalaxyApi());

        Assert.Contains("ICounter", error.Message, StringComparison.Ordinal);
        Assert.Contains("not registered", error.Message, StringComparison.Ordinal);
    }
}

public sealed class AuthenticationSetupTests
{
    [Fact]
    public async Task Operations_needing_a_user_without_authentication_set_up_fail_at_start_up()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddGalaxyApi();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapGalaxyApi());

        Assert.Contains("AddGalaxyAuthentication()", error.Message, StringComparison.Ordinal);
    }
}
