using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Galaxy.Api.Toolkit.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Galaxy.Api.Toolkit.Tests.Authentication;

/// <summary>Keys, users and routes of the authentication test hosts.</summary>
internal static class TestUsers
{
    public const string UserKey = "alice-secret-key-0001";
    public const string AdminKey = "root-secret-key-0002";
    public const string WrongKey = "wrong-secret-key-0003";

    public static readonly GalaxyUser Alice = new(new GalaxyId(17), "alice", "alice@example.org", IsAdmin: false);
    public static readonly GalaxyUser Root = new(new GalaxyId(1), "root", "root@example.org", IsAdmin: true);

    /// <summary>The host-defined policy: a claim our users may or may not have.</summary>
    public const string AlicePolicy = "IsAlice";
}

/// <summary>An in-memory user store; counts its lookups.</summary>
internal sealed class InMemoryUserStore : IGalaxyUserStore
{
    private int _lookups;

    public int Lookups => Volatile.Read(ref _lookups);

    public ValueTask<GalaxyUser?> FindByApiKeyAsync(string apiKey, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lookups);
        return ValueTask.FromResult(apiKey switch
        {
            TestUsers.UserKey => TestUsers.Alice,
            TestUsers.AdminKey => TestUsers.Root,
            _ => null,
        });
    }
}

/// <summary>A stand-in for the host's OIDC bearer scheme: <c>good-token</c> is a user, <c>admin-token</c> an admin.</summary>
internal sealed class TestBearerHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestBearer";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var claims = header["Bearer ".Length..] switch
        {
            "good-token" => new[] { new Claim(ClaimTypes.Name, "oidc-user") },
            "admin-token" => [new Claim(ClaimTypes.Name, "oidc-admin"), new Claim(ClaimTypes.Role, GalaxyAuthenticationDefaults.AdminRole)],
            _ => null,
        };
        return Task.FromResult(claims is null
            ? AuthenticateResult.Fail("bad token")
            : AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return Task.CompletedTask;
    }
}

/// <summary>Collects the log messages of the toolkit and of ASP.NET Core's authentication and authorization.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private static readonly string[] Categories = ["Galaxy.Api.Toolkit", "Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Authorization"];

    public ConcurrentQueue<(string Category, EventId EventId, string Text)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => Array.Exists(Categories, prefix => category.StartsWith(prefix, StringComparison.Ordinal));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            // The message and every structured value, so that a key passed as an argument is seen too.
            var text = formatter(state, exception);
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                text += " | " + string.Join(" | ", values.Select(pair => $"{pair.Key}={pair.Value}"));
            }

            owner.Entries.Enqueue((category, eventId, text + (exception is null ? string.Empty : " | " + exception)));
        }
    }
}

/// <summary>A Kestrel host at a free port of 127.0.0.1 with Galaxy's authentication and hand-written endpoints.</summary>
internal sealed class AuthenticationTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AuthenticationTestHost(WebApplication app, HttpClient client, CapturingLoggerProvider logs)
    {
        _app = app;
        Client = client;
        Logs = logs;
    }

    public HttpClient Client { get; }

    public CapturingLoggerProvider Logs { get; }

    public InMemoryUserStore? Store => _app.Services.GetService<InMemoryUserStore>();

    /// <summary>Starts a host.</summary>
    /// <param name="bearerScheme">Registers <see cref="TestBearerHandler"/> and forwards bearer tokens to it.</param>
    /// <param name="registerStore">Registers <see cref="InMemoryUserStore"/> as the <see cref="IGalaxyUserStore"/>.</param>
    /// <param name="hostPoliciesFirst">Calls the host's <c>AddAuthorization</c> before <c>AddGalaxyAuthentication</c>.</param>
    /// <param name="configurePipeline">Middleware put before authentication (the pipeline is then explicit).</param>
    public static async Task<AuthenticationTestHost> StartAsync(
        bool bearerScheme = true, bool registerStore = true, bool hostPoliciesFirst = true, Action<WebApplication>? configurePipeline = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(logs);

        if (registerStore)
        {
            builder.Services.AddSingleton<InMemoryUserStore>();
            builder.Services.AddSingleton<IGalaxyUserStore>(services => services.GetRequiredService<InMemoryUserStore>());
        }

        void AddHostPolicies() => builder.Services.AddAuthorization(options =>
            options.AddPolicy(TestUsers.AlicePolicy, policy => policy.RequireClaim(ClaimTypes.Name, "alice")));

        if (hostPoliciesFirst)
        {
            AddHostPolicies();
        }

        builder.Services.AddGalaxyAuthentication(options =>
        {
            if (bearerScheme)
            {
                options.BearerScheme = TestBearerHandler.SchemeName;
            }
        });
        if (bearerScheme)
        {
            builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestBearerHandler>(TestBearerHandler.SchemeName, null);
        }

        if (!hostPoliciesFirst)
        {
            AddHostPolicies();
        }

        var app = builder.Build();
        if (configurePipeline is not null)
        {
            configurePipeline(app);
            app.UseAuthentication();
            app.UseAuthorization();
        }

        app.MapGet("/public", Describe).AllowAnonymous();
        app.MapGet("/user", Describe).RequireAuthorization(GalaxyAuthenticationDefaults.UserPolicy);
        app.MapGet("/admin", Describe).RequireAuthorization(GalaxyAuthenticationDefaults.AdminPolicy);
        app.MapGet("/host-policy", Describe).RequireAuthorization(TestUsers.AlicePolicy);
        app.MapGet("/authorize", Describe).RequireAuthorization();

        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new AuthenticationTestHost(app, new HttpClient { BaseAddress = new Uri(address) }, logs);
    }

    /// <summary>What the endpoint sees: <c>GetGalaxyUser()</c>, else the principal's name, else <c>anonymous</c>.</summary>
    private static string Describe(HttpContext context)
    {
        if (context.GetGalaxyUser() is { } user)
        {
            // Twice: the accessor returns the same object, it does not rebuild one from the claims.
            Assert.Same(user, context.GetGalaxyUser());
            return FormattableString.Invariant($"galaxy:{user.Id.Value}:{user.Username}:{user.Email}:{user.IsAdmin}");
        }

        return context.User.Identity is { IsAuthenticated: true, Name: var name } ? "principal:" + name : "anonymous";
    }

    public static HttpRequestMessage Get(string path, string? headerKey = null, string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (headerKey is not null)
        {
            request.Headers.TryAddWithoutValidation(GalaxyAuthenticationDefaults.ApiKeyHeader, headerKey);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return request;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}

/// <summary>The host of the matrix: bearer tokens forwarded to <see cref="TestBearerHandler"/>.</summary>
public sealed class AuthenticationHostFixture : IAsyncLifetime
{
    internal AuthenticationTestHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await AuthenticationTestHost.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}
