using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Galaxy.Api.Toolkit.Generators.Model;

namespace Galaxy.Api.Toolkit.Generators.Emitting;

/// <summary>Emits the assembly-level files: <c>MapGalaxyApi</c>, and the definition holding the document bytes and ETag.</summary>
internal static class ApiEmitter
{
    public const string MapHintName = "GalaxyApi.Map.g.cs";
    public const string DocumentHintName = "GalaxyApi.Document.g.cs";
    public const string CoverageHintName = "GalaxyApi.Coverage.g.cs";

    /// <summary>The <c>AssemblyMetadata</c> key holding the legacy coverage; the build target reads it.</summary>
    public const string CoverageMetadataKey = "GalaxyApi.LegacyCoverage";

    /// <summary>The <c>AssemblyMetadata</c> key holding the document; the build target reads it.</summary>
    public const string DocumentMetadataKey = "GalaxyApi.OpenApiDocument";

    public static string EmitMap(ApiModel api)
    {
        var routers = api.Routers.Where(static r => r.IsValid).ToList();
        var writer = new SourceWriter();
        writer.Raw(SourceWriter.Header);
        writer.Open("namespace Microsoft.AspNetCore.Builder");
        writer.Line("/// <summary>Maps the API generated from the <c>[ApiRouter]</c> classes of this assembly.</summary>");
        writer.Line(SourceWriter.GeneratedCode);
        writer.Open("internal static class GalaxyApiEndpointRouteBuilderExtensions");
        writer.Line("/// <summary>");
        writer.Line($"/// Maps the {routers.Sum(static r => r.Operations.Count)} generated operations, the OpenAPI document and the docs page. Call");
        writer.Line("/// <c>builder.Services.AddGalaxyApi()</c> first. Conventions added to the returned group apply to every operation.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"endpoints\">Where to map.</param>");
        writer.Open("public static global::Microsoft.AspNetCore.Routing.RouteGroupBuilder MapGalaxyApi(this global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints)");
        writer.Line("var api = global::Galaxy.Api.Toolkit.Hosting.GalaxyApiContext.Begin(endpoints, global::Galaxy.Api.Toolkit.Generated.GalaxyApiDocument.Definition);");
        writer.Line("var operations = global::Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGroup(endpoints, string.Empty);");
        foreach (var router in routers)
        {
            writer.Line($"new global::Galaxy.Api.Toolkit.Generated.{EndpointEmitter.ClassName(router)}(api).Map(operations);");
        }

        writer.Line("return operations;");
        writer.Close();
        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    public static string EmitDocument(ApiModel api, string document, Legacy.LegacyMergeResult? legacy = null)
    {
        var bytes = Encoding.UTF8.GetBytes(document);
        string etag;
        using (var sha = SHA256.Create())
        {
            etag = "\"" + string.Concat(sha.ComputeHash(bytes).Take(16).Select(static b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))) + "\"";
        }

        var enums = api.Routers.SelectMany(static r => r.Components)
            .Where(static c => c.Kind == ComponentKind.Enum)
            .Select(static c => c.Enum!)
            .GroupBy(static e => e.Type.Identifier)
            .OrderBy(static g => g.Key, System.StringComparer.Ordinal)
            .Select(static g => g.First())
            .ToList();

        var writer = new SourceWriter();
        writer.Raw(SourceWriter.Header);
        // The build reads the document back from this attribute (System.Reflection.Metadata, no code runs) to write openapi.json.
        var quotes = RawQuotes(document);
        writer.Raw("[assembly: global::System.Reflection.AssemblyMetadata(\"" + DocumentMetadataKey + "\", " + quotes + "\n");
        writer.Raw(document);
        writer.Raw("\n" + quotes + ")]\n");
        if (legacy is not null)
        {
            writer.Raw("[assembly: global::System.Reflection.AssemblyMetadata(\"" + CoverageMetadataKey + "\", " + EndpointEmitter.Literal(legacy.CoverageJson()) + ")]\n");
            writer.Raw("[assembly: global::System.Reflection.AssemblyMetadata(\"" + CoverageMetadataKey + "Summary\", " + EndpointEmitter.Literal(legacy.Summary()) + ")]\n");
        }

        writer.Raw("\n");
        writer.Open("namespace Galaxy.Api.Toolkit.Generated");
        writer.Line("/// <summary>The OpenAPI document of this assembly, produced at compile time, and what the run time needs with it.</summary>");
        writer.Line(SourceWriter.GeneratedCode);
        writer.Open("internal static class GalaxyApiDocument");
        writer.Line("/// <summary>The strong ETag of <see cref=\"Utf8\"/>.</summary>");
        writer.Line($"public const string ETag = {EndpointEmitter.Literal(etag)};");
        writer.Line();
        writer.Line("/// <summary>The definition handed to the runtime by <c>MapGalaxyApi</c>.</summary>");
        writer.Line("public static readonly global::Galaxy.Api.Toolkit.Hosting.GalaxyApiDefinition Definition = new(");
        writer.Line($"    {EndpointEmitter.Literal(api.Options.Title)},");
        writer.Line($"    global::Galaxy.Api.Toolkit.ApiJsonNaming.{api.Options.Naming},");
        writer.Line("    Utf8.ToArray(),");
        writer.Line("    ETag,");
        writer.Line($"    {(enums.Count == 0 ? "null" : "ConfigureJson")},");
        writer.Line($"    operationsNeedingUser: {DocumentEmitter.Operations(api).Count(static o => o.Operation.Access != OperationAccess.Public)},");
        if (legacy is null)
        {
            writer.Line($"    problemDetails: {(api.Options.ProblemDetails ? "true" : "false")});");
        }
        else
        {
            writer.Line($"    problemDetails: {(api.Options.ProblemDetails ? "true" : "false")})");
            writer.Line("{");
            writer.Line($"    LegacyCoverage = GalaxyApiCoverage.Json,");
            writer.Line("};");
        }
        if (enums.Count > 0)
        {
            writer.Line();
            writer.Line("/// <summary>Reads and writes the API's enums by exactly the names the document lists.</summary>");
            writer.Open("private static void ConfigureJson(global::System.Text.Json.JsonSerializerOptions options)");
            foreach (var enumModel in enums)
            {
                var type = enumModel.Type.FullyQualifiedName;
                var names = string.Join(", ", enumModel.Members.Select(m => EndpointEmitter.Literal(EndpointEmitter.WireName(m, api.Options.Naming))));
                var values = string.Join(", ", enumModel.Members.Select(m => type + "." + m.Name));
                writer.Line($"options.Converters.Add(new global::Galaxy.Api.Toolkit.Binding.GalaxyEnumConverter<{type}>([{names}], [{values}]));");
            }

            writer.Close();
        }

        writer.Line();
        writer.Line("/// <summary>The document as UTF-8 JSON.</summary>");
        writer.Line("public static global::System.ReadOnlySpan<byte> Utf8 => " + quotes);
        // The line break before the closing quotes is not part of a raw literal: the extra one keeps the document's own.
        writer.Raw(document);
        writer.Raw("\n" + quotes + "u8;\n");
        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    /// <summary>
    /// The summary of a legacy manifest's coverage: which legacy operations the modern API ports and which the legacy
    /// application still serves, as documentation and constants (also in <c>GalaxyApiDefinition.LegacyCoverage</c>).
    /// </summary>
    public static string EmitCoverage(Legacy.LegacyMergeResult legacy)
    {
        var writer = new SourceWriter();
        writer.Raw(SourceWriter.Header);
        writer.Open("namespace Galaxy.Api.Toolkit.Generated");
        writer.Line("/// <summary>");
        writer.Line("/// Legacy coverage: " + System.Security.SecurityElement.Escape(legacy.Summary()) + ".");
        writer.Line("/// <list type=\"table\">");
        writer.Line("/// <listheader><term>ported</term><description>legacy operation (modern operationId)</description></listheader>");
        foreach (var operation in legacy.Ported)
        {
            writer.Line("/// <item><term>yes</term><description>" + System.Security.SecurityElement.Escape($"{operation.Method} {operation.Path} ({operation.OperationId})") + "</description></item>");
        }

        foreach (var operation in legacy.StillLegacy)
        {
            writer.Line("/// <item><term>no</term><description>" + System.Security.SecurityElement.Escape($"{operation.Method} {operation.Path}") + "</description></item>");
        }

        writer.Line("/// </list>");
        writer.Line("/// </summary>");
        writer.Line(SourceWriter.GeneratedCode);
        writer.Open("internal static class GalaxyApiCoverage");
        writer.Line("/// <summary>How many operations the legacy manifest lists.</summary>");
        writer.Line($"public const int LegacyOperations = {legacy.LegacyOperations};");
        writer.Line();
        writer.Line("/// <summary>How many of them the modern API serves.</summary>");
        writer.Line($"public const int Ported = {legacy.Ported.Count};");
        writer.Line();
        writer.Line("/// <summary>How many of them the legacy application still serves.</summary>");
        writer.Line($"public const int StillLegacy = {legacy.StillLegacy.Count};");
        writer.Line();
        writer.Line("/// <summary>The coverage as JSON: <c>{\"legacy_operations\", \"ported\": [...], \"legacy\": [...]}</c>.</summary>");
        writer.Line($"public const string Json = {EndpointEmitter.Literal(legacy.CoverageJson())};");
        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    /// <summary>The quotes that open and close a raw string literal holding <paramref name="text"/>: more than its longest run of quotes.</summary>
    private static string RawQuotes(string text)
    {
        int longest = 0, run = 0;
        foreach (var c in text)
        {
            run = c == '"' ? run + 1 : 0;
            longest = System.Math.Max(longest, run);
        }

        return new string('"', System.Math.Max(4, longest + 1));
    }
}
