using System.Security.Claims;

namespace Galaxy.Api.Toolkit.Tests.Behaviour;

/// <summary>What an access operation saw.</summary>
public sealed record Caller(string Operation, string? Username, long? UserId, bool? IsAdmin, string? PrincipalName);

/// <summary>Operations of each access level; the router needs a user unless an operation says otherwise.</summary>
[ApiRouter("access")]
public static class AccessApi
{
    [Get("/behaviour/access/user")]
    public static Caller User(GalaxyUser user, ClaimsPrincipal principal) => new("user", user.Username, user.Id.Value, user.IsAdmin, principal.Identity?.Name);

    [Get("/behaviour/access/admin", RequireAdmin = true)]
    public static Caller Admin(GalaxyUser user) => new("admin", user.Username, user.Id.Value, user.IsAdmin, null);

    [Get("/behaviour/access/public", Public = true)]
    public static Caller Public(GalaxyUser? user) => new("public", user?.Username, user?.Id.Value, user?.IsAdmin, null);

    /// <summary>Needs a user but takes no <see cref="GalaxyUser"/>.</summary>
    [Post("/behaviour/access/user-without-parameter")]
    public static string UserWithoutParameter() => "done";
}

/// <summary>A public router with an admin operation.</summary>
[ApiRouter("access-public", Public = true)]
public static class PublicAccessApi
{
    [Get("/behaviour/access-public/open")]
    public static string Open(GalaxyUser? user) => user?.Username ?? "anonymous";

    [Get("/behaviour/access-public/admin", RequireAdmin = true)]
    public static string Admin(GalaxyUser user) => user.Username;
}
