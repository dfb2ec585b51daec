namespace Galaxy.Api.Toolkit;

/// <summary>
/// Binds a collection parameter from comma-separated query values, as Galaxy's <c>keys=id,name</c>; repeated keys
/// are accepted too (<c>keys=id&amp;keys=name</c>). Empty items are dropped and items are trimmed.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class CommaSeparatedAttribute : Attribute;

/// <summary>
/// Binds a body parameter from JSON or from a form (<c>application/x-www-form-urlencoded</c> or
/// <c>multipart/form-data</c>), whichever the request's content type says; Galaxy's <c>POST /api/histories</c> takes both.
/// Form fields are matched to the type's JSON property names and validated by the same contract as JSON.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class FromJsonOrFormAttribute : Attribute;
