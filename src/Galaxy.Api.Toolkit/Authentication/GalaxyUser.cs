namespace Galaxy.Api.Toolkit;

/// <summary>A Galaxy user, as the host's <see cref="IGalaxyUserStore"/> finds it from an API key.</summary>
/// <param name="Id">The user's database id.</param>
/// <param name="Username">The user's public name.</param>
/// <param name="Email">The user's email address.</param>
/// <param name="IsAdmin">Whether the user is an admin of the server (may call admin-only operations).</param>
public sealed record GalaxyUser(GalaxyId Id, string Username, string Email, bool IsAdmin);
