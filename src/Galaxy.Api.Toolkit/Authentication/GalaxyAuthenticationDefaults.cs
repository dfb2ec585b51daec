namespace Galaxy.Api.Toolkit.Authentication;

/// <summary>The names Galaxy's authentication uses: scheme, policies, where the API key is read, the admin role.</summary>
public static class GalaxyAuthenticationDefaults
{
    /// <summary>The authentication scheme of API keys, the default scheme after <c>AddGalaxyAuthentication</c>.</summary>
    public const string AuthenticationScheme = "GalaxyApiKey";

    /// <summary>The authorization policy of operations that need a user (no user: 403 with <c>err_code</c> 403001).</summary>
    public const string UserPolicy = "GalaxyUser";

    /// <summary>The authorization policy of admin-only operations (a user that is not admin: 403 with <c>err_code</c> 403006).</summary>
    public const string AdminPolicy = "GalaxyAdmin";

    /// <summary>The request header carrying the API key; it wins over the query parameter.</summary>
    public const string ApiKeyHeader = "x-api-key";

    /// <summary>The query parameter carrying the API key.</summary>
    public const string ApiKeyQuery = "key";

    /// <summary>The role claim value of admins (claim type <see cref="System.Security.Claims.ClaimTypes.Role"/>).</summary>
    public const string AdminRole = "admin";
}
