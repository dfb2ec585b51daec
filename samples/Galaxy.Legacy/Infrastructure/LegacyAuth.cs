using Galaxy.Data;

namespace Galaxy.Legacy.Infrastructure;

/// <summary>
/// API keys as Galaxy reads them: the query parameter <c>key</c>, else the header <c>x-api-key</c>. A key that matches no
/// active key is 401001 everywhere (public routes too); no key where a user is needed is 403001.
/// </summary>
internal static class LegacyAuth
{
    /// <summary>The user of the request's key; throws 403001 without a key and 401001 for an invalid one.</summary>
    public static async Task<UserRow> RequireUserAsync(HttpContext context)
        => await FindUserAsync(context) ?? throw new LegacyApiException(LegacyErrorCode.NoApiKey);

    /// <summary>The user of the request's key, or null without a key; throws 401001 for an invalid one.</summary>
    public static async Task<UserRow?> FindUserAsync(HttpContext context)
    {
        var key = context.Request.Query["key"].LastOrDefault();
        if (string.IsNullOrEmpty(key))
        {
            key = context.Request.Headers["x-api-key"].LastOrDefault();
        }

        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        var users = context.RequestServices.GetRequiredService<UserRepository>();
        return await users.FindByApiKeyAsync(key, context.RequestAborted)
            ?? throw new LegacyApiException(LegacyErrorCode.AuthenticationFailed, "Provided API key is not valid.");
    }
}
