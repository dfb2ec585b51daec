using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Galaxy.Api.Toolkit.Migration.Tests.Fallback;

public sealed class InProcessFallbackTests
{
    private static Task<ModernHost> StartAsync() => ModernHost.StartAsync(
        builder => builder.Services.AddGalaxyLegacyFallback(o =>
        {
            o.AdminPath = null;
            o.App = static context => context.Response.WriteAsync($"legacy {context.Request.Method} {context.Request.Path}");
        }),
        app =>
        {
            app.MapGalaxyLegacyFallback();
            app.MapPut("/api/items/{id}", static (string id) => "modern put " + id);
        });

    [Fact]
    public async Task Modern_routes_win_per_method_and_the_rest_goes_to_the_legacy_app()
    {
        await using var host = await StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var put = await host.Client.PutAsync("api/items/7", null, ct);
        using var delete = await host.Client.DeleteAsync("api/items/7", ct);
        using var other = await host.Client.GetAsync("api/anything/else?x=1", ct);

        Assert.Equal("modern put 7", await put.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal("legacy DELETE /api/items/7", await delete.Content.ReadAsStringAsync(ct));
        Assert.Equal("legacy GET /api/anything/else", await other.Content.ReadAsStringAsync(ct));
    }
}
