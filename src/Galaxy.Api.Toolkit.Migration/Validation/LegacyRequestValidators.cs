using Galaxy.Api.Toolkit.Migration.Catalog;
using Microsoft.AspNetCore.Http;

namespace Galaxy.Api.Toolkit.Migration.Validation;

/// <summary>The validators of legacy operations built from the manifest's schemas, one per operation that has any.</summary>
internal sealed class LegacyRequestValidators
{
    /// <summary>The validator of <paramref name="operation"/>, or null when it has no schemas or validation is off for it.</summary>
    public LegacyRequestValidator? Find(LegacyOperation operation) => null;
}

/// <summary>Validates requests to one legacy operation.</summary>
internal sealed class LegacyRequestValidator
{
    /// <summary>True when the request may be forwarded; else the Galaxy 400 has been written.</summary>
    public ValueTask<bool> ValidateAsync(HttpContext context, LegacyOperation operation) => ValueTask.FromResult(true);
}
