using Galaxy.Data;

namespace Galaxy.Legacy.Infrastructure;

/// <summary>
/// API keys as Galaxy reads them: the query parameter <c>key</c> (its last value), else the header <c>x-api-key</c> (its
/// first non-empty value). A key that matches no active key is 401001 everywhere (public routes too); no key where a
/// user is needed is 403001.
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
            // The first non-empty header line, as Galaxy (Starlette's headers.get) and the modern host's toolkit read it:
            // with the last one, a request sending x-api-key twice was one user to the modern host and another here.
            key = context.Request.Headers["x-api-key"].FirstOrDefault(static value => !string.IsNullOrEmpty(value));
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
