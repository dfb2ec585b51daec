using Galaxy.Api.Toolkit.Migration.Catalog;
using Galaxy.Api.Toolkit.Migration.Forwarding;
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

    public Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var operation = route?.Find(method);
        if (operation is not null && validators.Find(operation) is { } validator)
        {
            return ValidateThenForwardAsync(context, operation, validator);
        }

        return ForwardAsync(context, operation);
    }

    private Task ForwardAsync(HttpContext context, LegacyOperation? operation)
    {
        traffic.Record(route, operation, context.Request.Method);
        return backend.ForwardAsync(context);
    }

    private static async Task<bool> HostAuthenticatesAsync(IServiceProvider services)
        => services.GetService<IAuthenticationSchemeProvider>() is { } schemes && await schemes.GetDefaultAuthenticateSchemeAsync().ConfigureAwait(false) is not null;

    private async Task ValidateThenForwardAsync(HttpContext context, LegacyOperation operation, Validation.ILegacyOperationValidator validator)
    {
        // A caller who is not authenticated, on an operation that is not public, goes to the legacy side unchecked.
        var validate = context.User.Identity?.IsAuthenticated == true || operation.IsPublic
            || !await (_hostAuthenticates ??= HostAuthenticatesAsync(context.RequestServices)).ConfigureAwait(false);
        if (validate && !await validator.ValidateAsync(context, operation).ConfigureAwait(false))
        {
            return;
        }

        await ForwardAsync(context, operation).ConfigureAwait(false);
    }
}
