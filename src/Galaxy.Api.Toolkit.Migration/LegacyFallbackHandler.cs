using Galaxy.Api.Toolkit.Migration.Catalog;
using Galaxy.Api.Toolkit.Migration.Forwarding;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Galaxy.Api.Toolkit.Migration;

/// <summary>
/// What a legacy fallback endpoint does with a request: validates it against the manifest's schemas when there are
/// any, counts it against its legacy route (coverage counts what the legacy side serves, not what validation refused),
/// then hands it to the legacy side. Authentication comes first, as on the legacy side: when the host authenticates
/// requests, a caller who is not authenticated (no key, or a key the host refused) is validated only for operations the
/// manifest declares public; any other request goes to the legacy side as it came, which answers with its own
/// authentication error rather than the host answering a validation error first.
/// </summary>
internal sealed class LegacyFallbackHandler(
    LegacyRoute? route,
    ILegacyBackend backend,
    LegacyTraffic traffic,
    Validation.ILegacyRequestValidation validators)
{
    /// <summary>Whether the host authenticates requests (a default authentication scheme); decided on the first request.</summary>
    private Task<bool>? _hostAuthenticates;

    public async Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var operation = route?.Find(method);
        if (operation is not null && validators.Find(operation) is { } validator && await ShouldValidateAsync(context, operation).ConfigureAwait(false))
        {
            await ValidateThenForwardAsync(context, operation, validator).ConfigureAwait(false);
            return;
        }

        traffic.Record(route, operation, method);
        await backend.ForwardAsync(context).ConfigureAwait(false);
    }

    private async Task<bool> ShouldValidateAsync(HttpContext context, LegacyOperation operation)
    {
        if (context.User.Identity?.IsAuthenticated == true || IsPublic(operation))
        {
            return true;
        }

        return !await (_hostAuthenticates ??= HostAuthenticatesAsync(context.RequestServices)).ConfigureAwait(false);
    }

    private static async Task<bool> HostAuthenticatesAsync(IServiceProvider services)
        => services.GetService<IAuthenticationSchemeProvider>() is { } schemes && await schemes.GetDefaultAuthenticateSchemeAsync().ConfigureAwait(false) is not null;

    /// <summary>Whether the manifest lets anonymous callers in: <c>security: []</c> or an empty requirement among its options.</summary>
    private static bool IsPublic(LegacyOperation operation)
        => operation.Operation?["security"] is JsonArray requirements && (requirements.Count == 0 || requirements.Any(static r => r is JsonObject { Count: 0 }));

    private async Task ValidateThenForwardAsync(HttpContext context, LegacyOperation operation, Validation.ILegacyOperationValidator validator)
    {
        if (!await validator.ValidateAsync(context, operation).ConfigureAwait(false))
        {
            return;
        }

        traffic.Record(route, operation, context.Request.Method);
        await backend.ForwardAsync(context).ConfigureAwait(false);
    }
}
