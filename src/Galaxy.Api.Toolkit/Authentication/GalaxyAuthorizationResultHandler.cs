using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Galaxy.Api.Toolkit.Authentication;

/// <summary>
/// An authenticated user that fails <see cref="GalaxyAdminRequirement"/> gets Galaxy's 403006 ("Action requires admin
/// account."); every other outcome goes to ASP.NET Core's <see cref="AuthorizationMiddlewareResultHandler"/>, which
/// challenges or forbids through the schemes (403001 / 401001 / 403005 for ours).
/// </summary>
internal sealed partial class GalaxyAuthorizationResultHandler(ILogger<GalaxyAuthorizationResultHandler> logger) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden && FailedAdmin(authorizeResult.AuthorizationFailure) && GalaxyAdminRequirement.IsAuthenticated(context.User))
        {
            LogAdminRequired(logger);
            return GalaxyErrorResponse.WriteAsync(context, GalaxyErrorCodes.AdminRequired);
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private static bool FailedAdmin(AuthorizationFailure? failure)
    {
        if (failure is null)
        {
            return false;
        }

        foreach (var requirement in failure.FailedRequirements)
        {
            if (requirement is GalaxyAdminRequirement)
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(EventId = AuthenticationLogEvents.AdminRequired, Level = LogLevel.Debug, Message = "Forbidden: the operation requires an admin account (403006)")]
    private static partial void LogAdminRequired(ILogger logger);
}
