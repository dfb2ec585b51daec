using System;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Galaxy.Api.Toolkit.Build;

/// <summary>
/// Writes the compile-time OpenAPI document of an assembly to files. The generator embeds the document as
/// <c>[assembly: AssemblyMetadata("GalaxyApi.OpenApiDocument", ...)]</c>; this task reads the attribute's blob with
/// System.Reflection.Metadata, so none of the assembly's code is loaded or run. Files are rewritten only when their
/// bytes change, so incremental builds keep their timestamps.
/// </summary>
public sealed class ExtractOpenApiDocument : Task
{
    /// <summary>The metadata key the generator writes.</summary>
    public const string MetadataKey = "GalaxyApi.OpenApiDocument";

    /// <summary>The metadata key of the legacy coverage (JSON), written when a legacy manifest was merged.</summary>
    public const string CoverageKey = "GalaxyApi.LegacyCoverage";

    /// <summary>The metadata key of the one-line coverage summary.</summary>
    public const string CoverageSummaryKey = "GalaxyApi.LegacyCoverageSummary";

    /// <summary>The built assembly.</summary>
    [Required]
    public string AssemblyPath { get; set; } = string.Empty;

    /// <summary>Where to write the document.</summary>
    [Required]
    public ITaskItem[] OutputPaths { get; set; } = [];

    /// <summary>Where to write the legacy coverage (JSON) when the assembly has one; optional.</summary>
    public string? CoveragePath { get; set; }

    /// <summary>The files written (or already up to date).</summary>
    [Output]
    public ITaskItem[] Written { get; set; } = [];

    /// <inheritdoc/>
    public override bool Execute()
    {
        string? document;
        string? coverage;
        string? coverageSummary;
        try
        {
            document = Read(AssemblyPath, MetadataKey);
            coverage = Read(AssemblyPath, CoverageKey);
            coverageSummary = Read(AssemblyPath, CoverageSummaryKey);
        }
        catch (Exception exception) when (exception is IOException or BadImageFormatException or InvalidOperationException)
        {
            Log.LogError("Galaxy.Api.Toolkit: cannot read the OpenAPI document from '{0}': {1}", AssemblyPath, exception.Message);
            return false;
        }

        if (document is null)
        {
            Log.LogMessage(MessageImportance.Low, "Galaxy.Api.Toolkit: '{0}' has no generated OpenAPI document.", AssemblyPath);
            return true;
        }

        foreach (var item in OutputPaths)
        {
            var path = Write(item.ItemSpec, document);
            Log.LogMessage(MessageImportance.Normal, "Galaxy.Api.Toolkit: wrote the OpenAPI document to {0}", path);
        }

        if (coverage is not null)
        {
            // The build says how far the port has come, every time the assembly changes.
            Log.LogMessage(MessageImportance.High, "Galaxy.Api.Toolkit: legacy coverage of {0}: {1}", Path.GetFileName(AssemblyPath), coverageSummary ?? "see the coverage file");
            if (!string.IsNullOrEmpty(CoveragePath))
            {
                var path = Write(CoveragePath!, coverage);
                Log.LogMessage(MessageImportance.Normal, "Galaxy.Api.Toolkit: wrote the legacy coverage to {0}", path);
            }
        }

        else if (!string.IsNullOrEmpty(CoveragePath) && File.Exists(CoveragePath))
        {
            // The manifest is gone: a coverage file left from an earlier build would mislead.
            File.Delete(CoveragePath);
        }

        Written = OutputPaths;
        return !Log.HasLoggedErrors;
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 unless the file already holds exactly it; returns the full path.</summary>
    private static string Write(string file, string text)
    {
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
        var path = Path.GetFullPath(file);
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        if (!File.Exists(path) || !File.ReadAllBytes(path).SequenceEqual(bytes))
        {
            File.WriteAllBytes(path, bytes);
        }

        return path;
    }

    /// <summary>The document embedded in an assembly, or null when it has none.</summary>
    /// <param name="assemblyPath">The assembly.</param>
    public static string? Read(string assemblyPath) => Read(assemblyPath, MetadataKey);

    /// <summary>The value of the assembly's <c>AssemblyMetadata</c> attribute with key <paramref name="key"/>, or null.</summary>
    /// <param name="assemblyPath">The assembly.</param>
    /// <param name="key">The metadata key.</param>
    public static string? Read(string assemblyPath, string key)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (!IsAssemblyMetadataAttribute(metadata, attribute.Constructor))
            {
                continue;
            }

            var value = metadata.GetBlobReader(attribute.Value);
            if (value.ReadUInt16() != 1 || value.ReadSerializedString() != key)
            {
                continue;
            }

            return value.ReadSerializedString();
        }

        return null;
    }

    private static bool IsAssemblyMetadataAttribute(MetadataReader metadata, EntityHandle constructor)
    {
        StringHandle name;
        switch (constructor.Kind)
        {
            case HandleKind.MemberReference:
                var reference = metadata.GetMemberReference((MemberReferenceHandle)constructor);
                if (reference.Parent.Kind != HandleKind.TypeReference)
                {
                    return false;
                }

                name = metadata.GetTypeReference((TypeReferenceHandle)reference.Parent).Name;
                break;
            case HandleKind.MethodDefinition:
                name = metadata.GetTypeDefinition(metadata.GetMethodDefinition((MethodDefinitionHandle)constructor).GetDeclaringType()).Name;
                break;
            default:
                return false;
        }

        return metadata.StringComparer.Equals(name, "AssemblyMetadataAttribute");
    }
}
