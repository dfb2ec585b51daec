using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Galaxy.Api.Toolkit.Authentication;

/// <summary>
/// Galaxy's API key authentication: the key of the <c>key</c> query parameter, else of the <c>x-api-key</c> header,
/// looked up with the host's <see cref="IGalaxyUserStore"/>. Challenge and forbid answer with Galaxy's error bodies.
/// </summary>
/// <remarks>
/// One instance serves one request (the authentication handler provider caches it per request), so the outcome of
/// <see cref="HandleAuthenticateAsync"/> can be kept in a field for the challenge. The key itself is never logged.
/// </remarks>
internal sealed partial class GalaxyApiKeyHandler(IOptionsMonitor<GalaxyAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<GalaxyAuthenticationOptions>(options, logger, encoder)
{
    /// <summary>Galaxy's <c>err_msg</c> for a key that matches no user (<c>UserManager.by_api_key</c>).</summary>
    internal const string InvalidApiKeyMessage = "Provided API key is not valid.";

    internal const string MissingStoreMessage =
        "A request carries a Galaxy API key but no Galaxy.Api.Toolkit.IGalaxyUserStore is registered. AddGalaxyAuthentication "
        + "does not provide one: register the host's implementation, e.g. services.AddScoped<IGalaxyUserStore, MyUserStore>().";

    // Set when the request carried a key that matched no user: the challenge then answers 401001, not 403001.
    private bool _keyRejected;

    /// <summary>Where an API key was read.</summary>
    internal enum ApiKeySource
    {
        None,
        Header,
        Query,
    }

    /// <summary>The <c>HttpContext.Items</c> key set when a given key was not valid, so that public operations can refuse it too.</summary>
    internal static readonly object KeyRejectedItem = new();

    /// <summary>
    /// The request's API key: the last <c>key</c> query value when it is not empty (a repeated query key takes its last
    /// value, as FastAPI), else the first non-empty <c>x-api-key</c> header value (as Starlette's <c>headers.get</c>);
    /// null when neither is present or both are empty.
    /// </summary>
    internal static string? ReadApiKey(HttpRequest request, out ApiKeySource source)
    {
        // Galaxy reads `key or x_api_key`: the query parameter comes first.
        var query = request.Query[GalaxyAuthenticationDefaults.ApiKeyQuery];
        if (query.Count > 0 && query[query.Count - 1] is { Length: > 0 } fromQuery)
        {
            source = ApiKeySource.Query;
            return fromQuery;
        }

        foreach (var value in request.Headers[GalaxyAuthenticationDefaults.ApiKeyHeader])
        {
            if (!string.IsNullOrEmpty(value))
            {
                source = ApiKeySource.Header;
                return value;
            }
        }

        source = ApiKeySource.None;
        return null;
    }

    /// <inheritdoc/>
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var apiKey = ReadApiKey(Request, out var source);
        if (apiKey is null)
        {
            return AuthenticateResult.NoResult();
        }

        var store = Context.RequestServices.GetService<IGalaxyUserStore>() ?? throw new InvalidOperationException(MissingStoreMessage);
        var user = await store.FindByApiKeyAsync(apiKey, Context.RequestAborted).ConfigureAwait(false);
        if (user is null)
        {
            _keyRejected = true;
            Context.Items[KeyRejectedItem] = KeyRejectedItem;
            LogKeyRejected(Logger, source);
            return AuthenticateResult.Fail(InvalidApiKeyMessage);
        }

        LogAuthenticated(Logger, user.Id.Value, source);
        var principal = new ClaimsPrincipal(new GalaxyClaimsIdentity(user, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    /// <summary>Galaxy answers a missing user with 403 (403001), and an invalid key with 401 (401001).</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // Runs authentication if it has not run on this request yet; cached otherwise.
        await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        if (_keyRejected)
        {
            LogChallengedInvalidKey(Logger);
            await GalaxyErrorResponse.WriteAsync(Context, GalaxyErrorCodes.UserAuthenticationFailed, InvalidApiKeyMessage).ConfigureAwait(false);
        }
        else
        {
            LogChallengedNoUser(Logger);
            await GalaxyErrorResponse.WriteAsync(Context, GalaxyErrorCodes.UserNoApiKey).ConfigureAwait(false);
        }
    }

    /// <summary>An authenticated user without the permission: 403 (403005).</summary>
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        LogForbidden(Logger);
        return GalaxyErrorResponse.WriteAsync(Context, GalaxyErrorCodes.InsufficientPermissions);
    }

    [LoggerMessage(EventId = AuthenticationLogEvents.Authenticated, Level = LogLevel.Debug, Message = "Authenticated Galaxy user {UserId} with the API key of the {Source}")]
    private static partial void LogAuthenticated(ILogger logger, long userId, ApiKeySource source);

    [LoggerMessage(EventId = AuthenticationLogEvents.KeyRejected, Level = LogLevel.Debug, Message = "The API key of the {Source} matches no user")]
    private static partial void LogKeyRejected(ILogger logger, ApiKeySource source);

    [LoggerMessage(EventId = AuthenticationLogEvents.ChallengedInvalidKey, Level = LogLevel.Debug, Message = "Challenge: the API key is not valid (401001)")]
    private static partial void LogChallengedInvalidKey(ILogger logger);

    [LoggerMessage(EventId = AuthenticationLogEvents.ChallengedNoUser, Level = LogLevel.Debug, Message = "Challenge: the request needs a user and has none (403001)")]
    private static partial void LogChallengedNoUser(ILogger logger);

    [LoggerMessage(EventId = AuthenticationLogEvents.Forbidden, Level = LogLevel.Debug, Message = "Forbidden: the user lacks a permission (403005)")]
    private static partial void LogForbidden(ILogger logger);
}
