using Galaxy.Api.Toolkit.Migration.Catalog;
using Microsoft.AspNetCore.Http;

namespace Galaxy.Api.Toolkit.Migration.Validation;

/// <summary>Finds the validator of a legacy operation: NJsonSchema over the manifest's schemas, or none under Native AOT.</summary>
internal interface ILegacyRequestValidation
{
    /// <summary>The validator of <paramref name="operation"/>, or null when its requests are forwarded unchecked.</summary>
    ILegacyOperationValidator? Find(LegacyOperation operation);
}

/// <summary>Checks the requests to one legacy operation.</summary>
internal interface ILegacyOperationValidator
{
    /// <summary>True when the request may be forwarded; else Galaxy's 400 has been written.</summary>
    ValueTask<bool> ValidateAsync(HttpContext context, LegacyOperation operation);
}

/// <summary>
/// No legacy validation: what a host without dynamic code (Native AOT) gets, since NJsonSchema needs reflection and
/// dynamic code. Legacy requests are forwarded as they came; the legacy side validates them itself.
/// </summary>
internal sealed class NoLegacyRequestValidation : ILegacyRequestValidation
{
    public ILegacyOperationValidator? Find(LegacyOperation operation) => null;
}
