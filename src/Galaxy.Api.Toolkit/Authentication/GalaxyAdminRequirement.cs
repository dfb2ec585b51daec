using Microsoft.AspNetCore.Authorization;

namespace Galaxy.Api.Toolkit.Authentication;

/// <summary>
/// The requirement of <see cref="GalaxyAuthenticationDefaults.AdminPolicy"/>: an authenticated user in the
/// <see cref="GalaxyAuthenticationDefaults.AdminRole"/> role. Its own handler (as ASP.NET Core's role requirement), and
/// a type of its own so that <see cref="GalaxyAuthorizationResultHandler"/> recognizes its failure and answers 403006.
/// </summary>
internal sealed class GalaxyAdminRequirement : AuthorizationHandler<GalaxyAdminRequirement>, IAuthorizationRequirement
{
    public static readonly GalaxyAdminRequirement Instance = new();

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, GalaxyAdminRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        if (IsAuthenticated(context.User) && context.User.IsInRole(GalaxyAuthenticationDefaults.AdminRole))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    internal static bool IsAuthenticated(System.Security.Claims.ClaimsPrincipal user)
    {
        foreach (var identity in user.Identities)
        {
            if (identity.IsAuthenticated)
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => "GalaxyAdminRequirement: requires an admin account";
}
