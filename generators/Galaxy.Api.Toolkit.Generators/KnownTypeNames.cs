namespace Galaxy.Api.Toolkit.Generators;

/// <summary>Metadata names of the types the generator looks for.</summary>
internal static class KnownTypeNames
{
    public const string ApiRouterAttribute = "Galaxy.Api.Toolkit.ApiRouterAttribute";
    public const string HttpOperationAttribute = "Galaxy.Api.Toolkit.HttpOperationAttribute";
    public const string GalaxyApiDocumentAttribute = "Galaxy.Api.Toolkit.GalaxyApiDocumentAttribute";

    public const string FromRouteMetadata = "Microsoft.AspNetCore.Http.Metadata.IFromRouteMetadata";
    public const string FromQueryMetadata = "Microsoft.AspNetCore.Http.Metadata.IFromQueryMetadata";
    public const string FromBodyMetadata = "Microsoft.AspNetCore.Http.Metadata.IFromBodyMetadata";
    public const string FromServiceMetadata = "Microsoft.AspNetCore.Http.Metadata.IFromServiceMetadata";
    public const string FromHeaderMetadata = "Microsoft.AspNetCore.Http.Metadata.IFromHeaderMetadata";
    public const string FromFormMetadata = "Microsoft.AspNetCore.Http.Metadata.IFromFormMetadata";
    public const string FromKeyedServicesAttribute = "Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute";
    public const string AsParametersAttribute = "Microsoft.AspNetCore.Http.AsParametersAttribute";
    public const string CommaSeparatedAttribute = "Galaxy.Api.Toolkit.CommaSeparatedAttribute";
    public const string FromJsonOrFormAttribute = "Galaxy.Api.Toolkit.FromJsonOrFormAttribute";
    public const string ConstAttribute = "Galaxy.Api.Toolkit.ConstAttribute";
    public const string GalaxyId = "Galaxy.Api.Toolkit.GalaxyId";
    public const string GalaxyUser = "Galaxy.Api.Toolkit.GalaxyUser";
    public const string GalaxyQueryFilters = "Galaxy.Api.Toolkit.GalaxyQueryFilters";
    public const string HttpRequest = "Microsoft.AspNetCore.Http.HttpRequest";
    public const string HttpResponse = "Microsoft.AspNetCore.Http.HttpResponse";
    public const string ClaimsPrincipal = "System.Security.Claims.ClaimsPrincipal";
    public const string IResult = "Microsoft.AspNetCore.Http.IResult";
    public const string INestedHttpResult = "Microsoft.AspNetCore.Http.INestedHttpResult";
    public const string HttpResultsNamespace = "Microsoft.AspNetCore.Http.HttpResults";
    public const string AllowAnonymousAttribute = "Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute";

    public const string HttpContext = "Microsoft.AspNetCore.Http.HttpContext";
    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string Task = "System.Threading.Tasks.Task";
    public const string TaskOfT = "System.Threading.Tasks.Task`1";
    public const string ValueTask = "System.Threading.Tasks.ValueTask";
    public const string ValueTaskOfT = "System.Threading.Tasks.ValueTask`1";

    public const string JsonPropertyNameAttribute = "System.Text.Json.Serialization.JsonPropertyNameAttribute";

    public const string GeneratedCodeAttribute = "System.CodeDom.Compiler.GeneratedCodeAttribute";

    public const string JsonIgnoreAttribute = "System.Text.Json.Serialization.JsonIgnoreAttribute";
    public const string JsonIncludeAttribute = "System.Text.Json.Serialization.JsonIncludeAttribute";
    public const string JsonRequiredAttribute = "System.Text.Json.Serialization.JsonRequiredAttribute";
    public const string JsonExtensionDataAttribute = "System.Text.Json.Serialization.JsonExtensionDataAttribute";
    public const string JsonUnmappedMemberHandlingAttribute = "System.Text.Json.Serialization.JsonUnmappedMemberHandlingAttribute";
    public const string JsonConstructorAttribute = "System.Text.Json.Serialization.JsonConstructorAttribute";
    public const string JsonStringEnumMemberNameAttribute = "System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute";
    public const string JsonPolymorphicAttribute = "System.Text.Json.Serialization.JsonPolymorphicAttribute";
    public const string JsonDerivedTypeAttribute = "System.Text.Json.Serialization.JsonDerivedTypeAttribute";
    public const string DescriptionAttribute = "System.ComponentModel.DescriptionAttribute";
    public const string ObsoleteAttribute = "System.ObsoleteAttribute";
    public const string ActivatorUtilitiesConstructorAttribute = "Microsoft.Extensions.DependencyInjection.ActivatorUtilitiesConstructorAttribute";
}
