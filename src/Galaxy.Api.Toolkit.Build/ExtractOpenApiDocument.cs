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

    /// <summary>The built assembly.</summary>
    [Required]
    public string AssemblyPath { get; set; } = string.Empty;

    /// <summary>Where to write the document.</summary>
    [Required]
    public ITaskItem[] OutputPaths { get; set; } = [];

    /// <summary>The files written (or already up to date).</summary>
    [Output]
    public ITaskItem[] Written { get; set; } = [];

    /// <inheritdoc/>
    public override bool Execute()
    {
        string? document;
        try
        {
            document = Read(AssemblyPath);
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

        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(document);
        foreach (var item in OutputPaths)
        {
            var path = Path.GetFullPath(item.ItemSpec);
            var directory = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            if (!File.Exists(path) || !File.ReadAllBytes(path).SequenceEqual(bytes))
            {
                File.WriteAllBytes(path, bytes);
            }

            Log.LogMessage(MessageImportance.Normal, "Galaxy.Api.Toolkit: wrote the OpenAPI document to {0}", path);
        }

        Written = OutputPaths;
        return !Log.HasLoggedErrors;
    }

    /// <summary>The document embedded in an assembly, or null when it has none.</summary>
    /// <param name="assemblyPath">The assembly.</param>
    public static string? Read(string assemblyPath)
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
            if (value.ReadUInt16() != 1 || value.ReadSerializedString() != MetadataKey)
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
