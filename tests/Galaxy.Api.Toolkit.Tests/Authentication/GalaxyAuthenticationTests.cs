using System.Net;
using System.Text.Json;
using Galaxy.Api.Toolkit.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Galaxy.Api.Toolkit.Tests.Authentication.AuthenticationTestHost;
using static Galaxy.Api.Toolkit.Tests.Authentication.TestUsers;

namespace Galaxy.Api.Toolkit.Tests.Authentication;

/// <summary>Galaxy's API key authentication and its policies over real HTTP: statuses and exact Galaxy bodies.</summary>
public sealed class GalaxyAuthenticationTests(AuthenticationHostFixture fixture) : IClassFixture<AuthenticationHostFixture>
{
    private const string AliceSeen = "galaxy:17:alice:alice@example.org:False";
    private const string RootSeen = "galaxy:1:root:root@example.org:True";

    private HttpClient Client => fixture.Host.Client;

    // ---- missing and invalid keys ----

    [Theory]
    [InlineData("/user")]
    [InlineData("/admin")]
    [InlineData("/host-policy")]
    [InlineData("/authorize")]
    public async Task No_key_on_a_protected_route_is_403001(string path)
    {
        using var response = await SendAsync(Get(path));

        await AssertGalaxyErrorAsync(response, HttpStatusCode.Forbidden, 403001, "Authentication required for this request");
    }

    [Theory]
    [InlineData("/user")]
    [InlineData("/admin")]
    [InlineData("/host-policy")]
    [InlineData("/authorize")]
    public async Task Bad_key_in_the_header_is_401001(string path)
    {
        using var response = await SendAsync(Get(path, headerKey: WrongKey));

        await AssertGalaxyErrorAsync(response, HttpStatusCode.Unauthorized, 401001, "Provided API key is not valid.");
    }

    [Theory]
    [InlineData("/user")]
    [InlineData("/admin")]
    public async Task Bad_key_in_the_query_is_401001(string path)
    {
        using var response = await SendAsync(Get(path + "?key=" + WrongKey));

        await AssertGalaxyErrorAsync(response, HttpStatusCode.Unauthorized, 401001, "Provided API key is not valid.");
    }

    [Fact]
    public async Task Empty_key_counts_as_no_key()
    {
        using var response = await SendAsync(Get("/user?key=", headerKey: string.Empty));

        await AssertGalaxyErrorAsync(response, HttpStatusCode.Forbidden, 403001, "Authentication required for this request");
    }

    // ---- valid keys ----

    [Fact]
    public async Task Key_in_the_header_authenticates()
    {
        using var response = await SendAsync(Get("/user", headerKey: UserKey));

        await AssertTextAsync(response, AliceSeen);
    }

    [Fact]
    public async Task Key_in_the_query_authenticates()
    {
        using var response = await SendAsync(Get("/user?key=" + UserKey));

        await AssertTextAsync(response, AliceSeen);
    }

    [Fact]
    public async Task Query_key_wins_over_header_key_as_in_Galaxy()
    {
        using var response = await SendAsync(Get("/admin?key=" + AdminKey, headerKey: UserKey));

        await AssertTextAsync(response, RootSeen);
    }

    [Fact]
    public async Task Valid_query_key_wins_over_a_bad_header_key()
    {
        using var response = await SendAsync(Get("/user?key=" + UserKey, headerKey: WrongKey));

        await AssertTextAsync(response, AliceSeen);
    }

    [Fact]
    public async Task Bad_query_key_is_not_rescued_by_a_good_header_key()
    {
        using var response = await SendAsync(Get("/user?key=" + WrongKey, headerKey: UserKey));

        await AssertGalaxyErrorAsync(response, HttpStatusCode.Unauthorized, 401001, "Provided API key is not valid.");
    }

    // ---- admin ----

    [Fact]
    public async Task Non_admin_on_an_admin_route_is_403006()
    {
        using var response = await SendAsync(Get("/admin", headerKey: UserKey));

        await AssertGalaxyErrorAsync(response, HttpStatusCode.Forbidden, 403006, "Action requires admin account.");
    }

    [Fact]
    public async Task Admin_on_an_admin_route_passes()
    {
        using var response = await SendAsync(Get("/admin", headerKey: AdminKey));

        await AssertTextAsync(response, RootSeen);
    }

    [Fact]
    public async Task Admin_on_a_user_route_passes()
    {
        using var response = await SendAsync(Get("/user?key=" + AdminKey));

        await AssertTextAsync(response, RootSeen);
    }

    // ---- public routes ----

    [Fact]
    public async Task Public_route_without_a_key_is_anonymous()
    {
        using var response = await SendAsync(Get("/public"));

        await AssertTextAsync(response, "anonymous");
    }

    [Fact]
    public async Task Public_route_with_a_key_sees_the_user()
    {
        using var response = await SendAsync(Get("/public", headerKey: UserKey));

        await AssertTextAsync(response, AliceSeen);
    }

    [Fact]
    public async Task Public_route_with_a_bad_key_stays_anonymous()
    {
        using var response = await SendAsync(Get("/public?key=" + WrongKey));

        await AssertTextAsync(response, "anonymous");
    }

    // ---- the host's own policies ----

    [Fact]
    public async Task Host_policy_passes_for_the_user_it_wants()
    {
        using var response = await SendAsync(Get("/host-policy", headerKey: UserKey));

        await AssertTextAsync(response, AliceSeen);
    }

    [Fact]
    public async Task Host_policy_failure_of_an_authenticated_user_is_403005()
    {
        using var response = await SendAsync(Get("/host-policy", headerKey: AdminKey));

        await AssertGalaxyErrorAsync(response, HttpStatusCode.Forbidden, 403005, "You don't have proper permissions to perform the requested operation");
    }

    [Fact]
    public async Task Default_authorize_policy_accepts_a_key()
    {
        using var response = await SendAsync(Get("/authorize?key=" + UserKey));

        await AssertTextAsync(response, AliceSeen);
    }

    // ---- bearer tokens forwarded to the host's scheme ----

    [Fact]
    public async Task Bearer_token_is_authenticated_by_the_bearer_scheme()
    {
        using var response = await SendAsync(Get("/user", bearer: "good-token"));

        // Authenticated by the host's scheme: a principal, but no Galaxy user object.
        await AssertTextAsync(response, "principal:oidc-user");
    }

    [Fact]
    public async Task Bad_bearer_token_is_challenged_by_the_bearer_scheme()
    {
        using var response = await SendAsync(Get("/user", bearer: "forged-token"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Bearer_admin_passes_the_admin_policy()
    {
        using var response = await SendAsync(Get("/admin", bearer: "admin-token"));

        await AssertTextAsync(response, "principal:oidc-admin");
    }

    [Fact]
    public async Task Bearer_non_admin_on_an_admin_route_is_403006()
    {
        using var response = await SendAsync(Get("/admin", bearer: "good-token"));

        await AssertGalaxyErrorAsync(response, HttpStatusCode.Forbidden, 403006, "Action requires admin account.");
    }

    [Fact]
    public async Task Api_key_wins_over_a_bearer_token_as_in_Galaxy()
    {
        using var response = await SendAsync(Get("/user", headerKey: UserKey, bearer: "forged-token"));

        await AssertTextAsync(response, AliceSeen);
    }

    // ---- logs ----

    [Fact]
    public async Task Keys_never_reach_the_logs()
    {
        foreach (var request in new[]
        {
            Get("/user", headerKey: WrongKey), Get("/user?key=" + WrongKey), Get("/admin", headerKey: UserKey),
            Get("/admin?key=" + AdminKey), Get("/public", headerKey: WrongKey),
        })
        {
            using (request)
            using (await SendAsync(request))
            {
            }
        }

        var entries = fixture.Host.Logs.Entries.ToArray();
        Assert.Contains(entries, entry => entry.EventId.Id == 2002);
        Assert.Contains(entries, entry => entry.EventId.Id == 2001);
        Assert.Contains(entries, entry => entry.EventId.Id == 2006);
        foreach (var (category, _, text) in entries)
        {
            foreach (var key in new[] { UserKey, AdminKey, WrongKey })
            {
                Assert.False(text.Contains(key, StringComparison.Ordinal), $"{category} logged an API key: {text}");
            }
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            return await Client.SendAsync(request, TestContext.Current.CancellationToken);
        }
    }

    internal static async Task AssertGalaxyErrorAsync(HttpResponseMessage response, HttpStatusCode status, int code, string message)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(text);
        Assert.Equal(["err_msg", "err_code"], body.RootElement.EnumerateObject().Select(property => property.Name));
        Assert.Equal(message, body.RootElement.GetProperty("err_msg").GetString());
        Assert.Equal(code, body.RootElement.GetProperty("err_code").GetInt32());
    }

    internal static async Task AssertTextAsync(HttpResponseMessage response, string expected)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {text}");
        Assert.Equal(expected, text);
    }
}

/// <summary>Hosts configured otherwise: no bearer scheme, no user store, policies registered in the other order.</summary>
public sealed class GalaxyAuthenticationSetupTests
{
    [Fact]
    public async Task Without_a_bearer_scheme_a_bearer_token_is_ignored()
    {
        await using var host = await StartAsync(bearerScheme: false, hostPoliciesFirst: false);
        using var request = Get("/user", bearer: "good-token");

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        await GalaxyAuthenticationTests.AssertGalaxyErrorAsync(response, HttpStatusCode.Forbidden, 403001, "Authentication required for this request");
    }

    [Fact]
    public async Task Host_policies_added_after_AddGalaxyAuthentication_work_and_admin_is_still_403006()
    {
        await using var host = await StartAsync(bearerScheme: false, hostPoliciesFirst: false);
        using var hostPolicy = Get("/host-policy", headerKey: UserKey);
        using var admin = Get("/admin", headerKey: UserKey);

        using var hostPolicyResponse = await host.Client.SendAsync(hostPolicy, TestContext.Current.CancellationToken);
        using var adminResponse = await host.Client.SendAsync(admin, TestContext.Current.CancellationToken);

        await GalaxyAuthenticationTests.AssertTextAsync(hostPolicyResponse, "galaxy:17:alice:alice@example.org:False");
        await GalaxyAuthenticationTests.AssertGalaxyErrorAsync(adminResponse, HttpStatusCode.Forbidden, 403006, "Action requires admin account.");
    }

    [Fact]
    public async Task A_key_is_looked_up_once_per_request()
    {
        await using var host = await StartAsync(bearerScheme: false);
        using var request = Get("/admin", headerKey: AdminKey);

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        await GalaxyAuthenticationTests.AssertTextAsync(response, "galaxy:1:root:root@example.org:True");
        Assert.Equal(1, host.Store!.Lookups);
    }

    [Fact]
    public async Task A_key_without_a_registered_store_says_to_register_one()
    {
        string? error = null;
        await using var host = await StartAsync(bearerScheme: false, registerStore: false, configurePipeline: app => app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (InvalidOperationException exception)
            {
                error = exception.Message;
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
        }));
        using var withKey = Get("/user", headerKey: UserKey);
        using var withoutKey = Get("/user");

        using var failed = await host.Client.SendAsync(withKey, TestContext.Current.CancellationToken);
        using var anonymous = await host.Client.SendAsync(withoutKey, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.NotNull(error);
        Assert.Contains("IGalaxyUserStore", error, StringComparison.Ordinal);
        Assert.Contains("register", error, StringComparison.Ordinal);
        // A request without a key needs no store.
        await GalaxyAuthenticationTests.AssertGalaxyErrorAsync(anonymous, HttpStatusCode.Forbidden, 403001, "Authentication required for this request");
    }

    [Fact]
    public async Task AddGalaxyAuthentication_twice_registers_once_and_applies_both_configurations()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGalaxyAuthentication();
        var count = services.Count;
        services.AddGalaxyAuthentication(options => options.BearerScheme = "Oidc");
        await using var provider = services.BuildServiceProvider();

        Assert.Equal(count + 1, services.Count); // only the second configuration
        Assert.Single(services, descriptor => descriptor.ServiceType == typeof(IAuthorizationMiddlewareResultHandler));
        Assert.IsType<GalaxyAuthorizationResultHandler>(provider.GetRequiredService<IAuthorizationMiddlewareResultHandler>());
        var schemes = await provider.GetRequiredService<IAuthenticationSchemeProvider>().GetAllSchemesAsync();
        Assert.Equal([GalaxyAuthenticationDefaults.AuthenticationScheme], schemes.Select(scheme => scheme.Name));
        Assert.Equal(GalaxyAuthenticationDefaults.AuthenticationScheme, (await provider.GetRequiredService<IAuthenticationSchemeProvider>().GetDefaultAuthenticateSchemeAsync())?.Name);
        var options = provider.GetRequiredService<IOptionsMonitor<GalaxyAuthenticationOptions>>().Get(GalaxyAuthenticationDefaults.AuthenticationScheme);
        Assert.Equal("Oidc", options.BearerScheme);
        Assert.NotNull(options.ForwardDefaultSelector);
        var policies = provider.GetRequiredService<IAuthorizationPolicyProvider>();
        Assert.NotNull(await policies.GetPolicyAsync(GalaxyAuthenticationDefaults.UserPolicy));
        Assert.NotNull(await policies.GetPolicyAsync(GalaxyAuthenticationDefaults.AdminPolicy));
    }

    [Fact]
    public void GetGalaxyUser_is_null_without_an_authenticated_Galaxy_user()
    {
        var context = new DefaultHttpContext();

        Assert.Null(context.GetGalaxyUser());
    }

    [Fact]
    public void GetGalaxyUser_finds_the_user_in_a_merged_principal_and_after_a_clone()
    {
        var context = new DefaultHttpContext();
        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("sub", "x")], "Other"));
        principal.AddIdentity(new GalaxyClaimsIdentity(Alice, GalaxyAuthenticationDefaults.AuthenticationScheme));

        context.User = principal;
        Assert.Same(Alice, context.GetGalaxyUser());
        context.User = principal.Clone();
        Assert.Same(Alice, context.GetGalaxyUser());
        Assert.Equal("alice", context.User.Identities.Last().Name);
    }
}
