using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Galaxy.Api.Toolkit.Tests.Behaviour;

/// <summary>
/// A host of the behaviour routers on Kestrel at a free port of 127.0.0.1. The test assembly declares operations that
/// need a user, so every host of its API sets up Galaxy authentication (with <see cref="BehaviourUsers"/>).
/// </summary>
public class BehaviourHost : IAsyncLifetime
{
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddGalaxyApi();
        builder.Services.AddGalaxyAuthentication();
        builder.Services.AddSingleton<IGalaxyUserStore, BehaviourUserStore>();
        builder.Services.AddScoped<ICounter, Counter>();
        builder.Services.AddKeyedSingleton<IPaint>("red", new Paint("red"));
        builder.Services.AddKeyedSingleton<IPaint>("blue", new Paint("blue"));
        ConfigureServices(builder.Services);
        _app = builder.Build();
        ConfigureApi(_app.MapGalaxyApi());
        await _app.StartAsync(TestContext.Current.CancellationToken);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    /// <summary>Adds services of a derived host.</summary>
    /// <param name="services">The host's services.</param>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Adds conventions to the group <c>MapGalaxyApi</c> returns.</summary>
    /// <param name="api">The group of every generated operation.</param>
    protected virtual void ConfigureApi(RouteGroupBuilder api)
    {
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// The behaviour host with a host-defined policy added to the group <c>MapGalaxyApi</c> returns: the policy refuses
/// <see cref="BehaviourUsers.Bob"/>, whose key is otherwise valid.
/// </summary>
public sealed class AuthBehaviourHost : BehaviourHost
{
    public const string HostPolicy = "NotBob";

    protected override void ConfigureServices(IServiceCollection services)
        => services.AddAuthorization(options => options.AddPolicy(HostPolicy, policy => policy.RequireAssertion(
            static context => context.User.Identity?.Name != BehaviourUsers.Bob.Username)));

    protected override void ConfigureApi(RouteGroupBuilder api) => api.RequireAuthorization(HostPolicy);
}

/// <summary>The users and API keys of the behaviour hosts.</summary>
internal static class BehaviourUsers
{
    public const string UserKey = "behaviour-user-key";
    public const string AdminKey = "behaviour-admin-key";
    public const string BobKey = "behaviour-bob-key";
    public const string WrongKey = "behaviour-wrong-key";

    public static readonly GalaxyUser Alice = new(new GalaxyId(17), "alice", "alice@example.org", IsAdmin: false);
    public static readonly GalaxyUser Root = new(new GalaxyId(1), "root", "root@example.org", IsAdmin: true);
    public static readonly GalaxyUser Bob = new(new GalaxyId(99), "bob", "bob@example.org", IsAdmin: false);
}

/// <summary>An in-memory <see cref="IGalaxyUserStore"/> of <see cref="BehaviourUsers"/>.</summary>
internal sealed class BehaviourUserStore : IGalaxyUserStore
{
    public ValueTask<GalaxyUser?> FindByApiKeyAsync(string apiKey, CancellationToken cancellationToken)
        => ValueTask.FromResult(apiKey switch
        {
            BehaviourUsers.UserKey => BehaviourUsers.Alice,
            BehaviourUsers.AdminKey => BehaviourUsers.Root,
            BehaviourUsers.BobKey => BehaviourUsers.Bob,
            _ => null,
        });
}
