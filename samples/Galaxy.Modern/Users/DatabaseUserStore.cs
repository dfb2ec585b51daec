using Galaxy.Api.Toolkit;
using Galaxy.Data;

namespace Galaxy.Modern.Users;

/// <summary>Galaxy users and their API keys, from the shared database (the legacy app reads the same table).</summary>
/// <param name="users">The users.</param>
public sealed class DatabaseUserStore(UserRepository users) : IGalaxyUserStore
{
    /// <inheritdoc/>
    public async ValueTask<GalaxyUser?> FindByApiKeyAsync(string apiKey, CancellationToken cancellationToken)
        => await users.FindByApiKeyAsync(apiKey, cancellationToken) is { Deleted: false } user
            ? new GalaxyUser(new GalaxyId(user.Id), user.Username, user.Email, user.IsAdmin)
            : null;
}
