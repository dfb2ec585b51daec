using Galaxy.Api.Toolkit.Authentication;
using Microsoft.AspNetCore.Http;

namespace Galaxy.Api.Toolkit;

/// <summary>The Galaxy user of a request.</summary>
public static class GalaxyHttpContextExtensions
{
    /// <summary>
    /// The user authenticated by API key for this request (<c>HttpContext.User</c>), or null when the request is anonymous
    /// or was authenticated otherwise (a bearer token of the host's scheme). Reads no claim: the user object is kept with
    /// the principal.
    /// </summary>
    /// <param name="context">The request.</param>
    public static GalaxyUser? GetGalaxyUser(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.User;
        if (principal.Identity is GalaxyClaimsIdentity primary)
        {
            return primary.User;
        }

        // A principal merged from several schemes: ours may not be the primary identity.
        foreach (var identity in principal.Identities)
        {
            if (identity is GalaxyClaimsIdentity galaxy)
            {
                return galaxy.User;
            }
        }

        return null;
    }
}
