using System.Globalization;
using System.Security.Claims;

namespace Galaxy.Api.Toolkit.Authentication;

/// <summary>
/// The identity of a user authenticated by API key: the claims, and the <see cref="GalaxyUser"/> itself so that
/// <see cref="GalaxyHttpContextExtensions.GetGalaxyUser"/> parses nothing. The user travels with the principal: when
/// <c>HttpContext.User</c> is replaced (another scheme), it goes with it.
/// </summary>
internal sealed class GalaxyClaimsIdentity : ClaimsIdentity
{
    public GalaxyClaimsIdentity(GalaxyUser user, string authenticationType)
        : base(CreateClaims(user), authenticationType, ClaimTypes.Name, ClaimTypes.Role)
        => User = user;

    private GalaxyClaimsIdentity(GalaxyClaimsIdentity other)
        : base(other)
        => User = other.User;

    public GalaxyUser User { get; }

    public override ClaimsIdentity Clone() => new GalaxyClaimsIdentity(this);

    private static List<Claim> CreateClaims(GalaxyUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>(4)
        {
            new(ClaimTypes.NameIdentifier, user.Id.Value.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64),
        };
        if (!string.IsNullOrEmpty(user.Username))
        {
            claims.Add(new Claim(ClaimTypes.Name, user.Username));
        }

        if (!string.IsNullOrEmpty(user.Email))
        {
            claims.Add(new Claim(ClaimTypes.Email, user.Email));
        }

        if (user.IsAdmin)
        {
            claims.Add(new Claim(ClaimTypes.Role, GalaxyAuthenticationDefaults.AdminRole));
        }

        return claims;
    }
}
