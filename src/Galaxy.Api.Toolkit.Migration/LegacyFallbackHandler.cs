using Galaxy.Api.Toolkit.Migration.Catalog;
using Galaxy.Api.Toolkit.Migration.Forwarding;
using Microsoft.AspNetCore.Http;

namespace Galaxy.Api.Toolkit.Migration;

/// <summary>
/// What a legacy fallback endpoint does with a request: validates it against the manifest's schemas when there are
/// any, counts it against its legacy route (coverage counts what the legacy side serves, not what validation refused),
/// then hands it to the legacy side.
/// </summary>
internal sealed class LegacyFallbackHandler(
    LegacyRoute? route,
    ILegacyBackend backend,
    LegacyTraffic traffic,
    Validation.LegacyRequestValidators validators)
{
    public Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var operation = route?.Find(method);
        if (operation is not null && validators.Find(operation) is { } validator)
        {
            return ValidateThenForwardAsync(context, operation, validator);
        }

        traffic.Record(route, operation, method);
        return backend.ForwardAsync(context);
    }

    private async Task ValidateThenForwardAsync(HttpContext context, LegacyOperation operation, Validation.LegacyRequestValidator validator)
    {
        if (!await validator.ValidateAsync(context, operation).ConfigureAwait(false))
        {
            return;
        }

        traffic.Record(route, operation, context.Request.Method);
        await backend.ForwardAsync(context).ConfigureAwait(false);
    }
}
