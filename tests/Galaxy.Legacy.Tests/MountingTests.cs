using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Galaxy.Legacy.Tests;

/// <summary>
/// The legacy app mounted in another host as a pipeline with its own routing, as the migration package's
/// <c>options.ConfigureApp = GalaxyLegacyApp.Configure</c> mounts it: requests no host route serves go to the branch.
/// </summary>
public sealed class MountingTests
{
    [Fact]
    public async Task Mounted_as_a_branch_under_a_path_base_the_legacy_app_serves_what_the_host_does_not()
    {
        using var directory = new TempDirectory();
        var builder = WebApplication.CreateBuilder(
        [
            "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning",
            "--Galaxy:Database=" + directory.File("g.sqlite"), "--Galaxy:AdminApiKey=" + LegacyServer.AdminApiKey,
        ]);
        builder.Services.AddGalaxyLegacyServices(builder.Configuration);
        builder.Services.AddGalaxyLegacyServices(builder.Configuration);
        await using var app = builder.Build();
        var legacyBuilder = new ApplicationBuilder(app.Services);
        GalaxyLegacyApp.Configure(legacyBuilder);
        var legacy = legacyBuilder.Build();
        app.UsePathBase("/galaxy");
        app.UseRouting();
        app.Use((context, next) => context.GetEndpoint() is null ? legacy(context) : next(context));
        app.MapGet("/api/version", static () => Results.Json(new { version_major = "modern" }));
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()) };
        client.DefaultRequestHeaders.Add("x-api-key", LegacyServer.AdminApiKey);

        var modern = await client.OkAsync(HttpMethod.Get, "/galaxy/api/version");
        var created = await client.OkAsync(HttpMethod.Post, "/galaxy/api/histories", """{"name": "mounted"}""");
        var shown = await client.OkAsync(HttpMethod.Get, "/galaxy/api/histories/" + created.Text("id"));
        var missing = await client.SendAsync(HttpMethod.Get, "/galaxy/api/nothing");
        await app.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal("modern", modern.Text("version_major"));
        Assert.Equal("mounted", shown.Text("name"));
        Assert.Equal($"/galaxy/api/histories/{created.Text("id")}", shown.Text("url"));
        missing.AssertGalaxyError(404, 404001);
        Assert.Single(app.Services.GetServices<IHostedService>(), static s => s.GetType().Name == "LegacyStartup");
    }
}
