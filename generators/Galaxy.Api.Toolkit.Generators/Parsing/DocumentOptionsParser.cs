using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Galaxy.Api.Toolkit.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Galaxy.Api.Toolkit.Generators.Parsing;

/// <summary>Reads <c>[assembly: GalaxyApiDocument(...)]</c>.</summary>
internal static class DocumentOptionsParser
{
    /// <summary>The attribute's arguments, before defaults (which need the assembly name).</summary>
    internal sealed record Arguments(string? Title, string? Version, string? Description, JsonNaming Naming, bool ProblemDetails, InfoModel? Info = null);

    public static Arguments Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var attribute = context.Attributes[0];
        string? Named(string name) => attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value as string;
        var naming = attribute.NamedArguments.FirstOrDefault(static a => a.Key == "JsonNaming").Value.Value is int value ? (JsonNaming)value : JsonNaming.SnakeCaseLower;
        var problemDetails = attribute.NamedArguments.FirstOrDefault(static a => a.Key == "ProblemDetails").Value.Value is true;
        var info = new InfoModel(Named("License"), Named("LicenseUrl"), Named("ContactName"), Named("ContactEmail"), Named("ContactUrl"));
        return new Arguments(Named("Title"), Named("Version"), Named("Description"), naming, problemDetails, info);
    }

    public static DocumentOptionsModel Merge((ImmutableArray<Arguments> Attributes, string? AssemblyName) input, CancellationToken cancellationToken)
    {
        var arguments = input.Attributes.IsDefaultOrEmpty ? new Arguments(null, null, null, JsonNaming.SnakeCaseLower, false) : input.Attributes[0];
        var assemblyName = input.AssemblyName ?? "Api";
        return new DocumentOptionsModel(arguments.Title ?? assemblyName, arguments.Version ?? "1.0.0", arguments.Description, arguments.Naming, arguments.ProblemDetails, assemblyName, arguments.Info);
    }
}
