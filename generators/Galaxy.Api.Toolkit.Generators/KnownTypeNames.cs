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

    public const string HttpContext = "Microsoft.AspNetCore.Http.HttpContext";
    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string Task = "System.Threading.Tasks.Task";
    public const string TaskOfT = "System.Threading.Tasks.Task`1";
    public const string ValueTask = "System.Threading.Tasks.ValueTask";
    public const string ValueTaskOfT = "System.Threading.Tasks.ValueTask`1";

    public const string JsonPropertyNameAttribute = "System.Text.Json.Serialization.JsonPropertyNameAttribute";
    public const string JsonIgnoreAttribute = "System.Text.Json.Serialization.JsonIgnoreAttribute";
    public const string JsonIncludeAttribute = "System.Text.Json.Serialization.JsonIncludeAttribute";
    public const string JsonRequiredAttribute = "System.Text.Json.Serialization.JsonRequiredAttribute";
    public const string JsonConstructorAttribute = "System.Text.Json.Serialization.JsonConstructorAttribute";
    public const string JsonStringEnumMemberNameAttribute = "System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute";
    public const string DescriptionAttribute = "System.ComponentModel.DescriptionAttribute";
    public const string ObsoleteAttribute = "System.ObsoleteAttribute";
    public const string ActivatorUtilitiesConstructorAttribute = "Microsoft.Extensions.DependencyInjection.ActivatorUtilitiesConstructorAttribute";
}
