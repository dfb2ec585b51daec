using System.Linq;
using Galaxy.Api.Toolkit.Generators.Emitting;

namespace Galaxy.Api.Toolkit.Generators.Contracts;

/// <summary>Writes the C# of contract types: one file per component schema, and an index of them.</summary>
internal static class ContractEmitter
{
    public const string IndexHintName = "GalaxyContracts.Schemas.g.cs";

    /// <summary>The name of the generated index class.</summary>
    public const string IndexClassName = "ContractSchemas";

    private const string JsonSerialization = "global::System.Text.Json.Serialization.";

    public static string HintName(ContractTypeModel type) => "GalaxyContracts." + type.Name.TrimStart('@') + ".g.cs";

    public static string Emit(ContractTypeModel type)
    {
        var writer = new SourceWriter();
        writer.Raw(SourceWriter.Header);
        writer.Line("namespace " + type.Namespace + ";");
        writer.Line();
        Documentation(writer, type.Description, "Galaxy's schema <c>" + Xml(type.SchemaName) + "</c>" + (type.Title is null ? "." : ", titled \"" + Xml(type.Title) + "\"."), type.Notes);
        writer.Line(SourceWriter.GeneratedCode);
        if (type.Description is not null)
        {
            writer.Line("[global::System.ComponentModel.Description(" + EndpointEmitter.Literal(type.Description) + ")]");
        }

        switch (type.Kind)
        {
            case ContractKind.Enum:
                writer.Open("public enum " + type.Name);
                foreach (var member in type.Members)
                {
                    if (member.NeedsName)
                    {
                        writer.Line("[" + JsonSerialization + "JsonStringEnumMemberName(" + EndpointEmitter.Literal(member.Value) + ")]");
                    }

                    writer.Line(member.Name + ",");
                }

                writer.Close();
                break;
            case ContractKind.List:
                writer.Line("public sealed class " + type.Name + " : global::System.Collections.Generic.List<" + type.ElementType + ">;");
                break;
            case ContractKind.Dictionary:
                writer.Line("public sealed class " + type.Name + " : global::System.Collections.Generic.Dictionary<string, " + type.ElementType + ">;");
                break;
            default:
                if (type.DisallowsUnknownMembers)
                {
                    writer.Line("[" + JsonSerialization + "JsonUnmappedMemberHandling(" + JsonSerialization + "JsonUnmappedMemberHandling.Disallow)]");
                }

                EmitObject(writer, type);
                break;
        }

        return writer.ToString();
    }

    private static void EmitObject(SourceWriter writer, ContractTypeModel type)
    {
        writer.Open("public sealed class " + type.Name);
        var first = true;
        foreach (var property in type.Properties)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            // The summary is the description only: a type read from metadata has no XML documentation for the API generator,
            // so the document must come out the same from [Description] alone.
            Documentation(writer, property.Description, property.Title is null || property.Description is not null ? null : Xml(property.Title) + ".", property.Notes);
            if (property.NeedsJsonName)
            {
                writer.Line("[" + JsonSerialization + "JsonPropertyName(" + EndpointEmitter.Literal(property.JsonName) + ")]");
            }

            if (property.Description is not null)
            {
                writer.Line("[global::System.ComponentModel.Description(" + EndpointEmitter.Literal(property.Description) + ")]");
            }

            foreach (var attribute in property.Attributes)
            {
                writer.Line("[" + attribute + "]");
            }

            if (property.DefaultValue is not null)
            {
                // Initializers are not in metadata: the API generator reads the default of a referenced type from here.
                writer.Line("[global::System.ComponentModel.DefaultValue(" + property.DefaultValue + ")]");
            }

            if (property.IsJsonRequired)
            {
                writer.Line("[" + JsonSerialization + "JsonRequired]");
            }

            writer.Line("public " + (property.IsRequired ? "required " : string.Empty) + property.Type + " " + property.Name + " { get; set; }"
                + (property.Initializer is null ? string.Empty : " = " + property.Initializer + ";"));
        }

        if (type.HasExtensionData)
        {
            if (!first)
            {
                writer.Line();
            }

            writer.Line("/// <summary>Members the schema does not declare (it allows additional properties), kept as they were read.</summary>");
            writer.Line("[" + JsonSerialization + "JsonExtensionData]");
            writer.Line("public global::System.Collections.Generic.Dictionary<string, global::System.Text.Json.JsonElement>? AdditionalProperties { get; set; }");
        }

        writer.Close();
    }

    /// <summary>The index: every schema name with its type, so that tools and tests can go from Galaxy's names to the types.</summary>
    public static string EmitIndex(ContractDocumentModel document)
    {
        var writer = new SourceWriter();
        writer.Raw(SourceWriter.Header);
        writer.Line("namespace " + document.Namespace + ";");
        writer.Line();
        writer.Line("/// <summary>The component schemas of the contracts document, each with the type generated for it.</summary>");
        writer.Line(SourceWriter.GeneratedCode);
        writer.Open("public static class " + IndexClassName);
        writer.Line("/// <summary>The document the types were generated from, as the build named it.</summary>");
        writer.Line("public const string Source = " + EndpointEmitter.Literal(System.IO.Path.GetFileName(document.Path)) + ";");
        writer.Line();
        writer.Line("/// <summary>Each component schema's name and its type, in the document's order.</summary>");
        writer.Line("public static global::System.Collections.Generic.IReadOnlyList<global::System.Collections.Generic.KeyValuePair<string, global::System.Type>> Types { get; } =");
        writer.Line("[");
        foreach (var type in document.Types)
        {
            writer.Line("    new(" + EndpointEmitter.Literal(type.SchemaName) + ", typeof(global::" + document.Namespace + "." + type.Name + ")),");
        }

        writer.Line("];");
        writer.Close();
        return writer.ToString();
    }

    private static void Documentation(SourceWriter writer, string? summary, string? remarks, Model.EquatableArray<string> notes)
    {
        if (summary is not null)
        {
            Block(writer, "summary", summary);
        }

        var all = (remarks is null ? notes : new[] { remarks }.Concat(notes)).ToList();
        if (all.Count > 0)
        {
            Block(writer, "remarks", string.Join("\n", remarks is null ? all.Select(Xml) : new[] { all[0] }.Concat(all.Skip(1).Select(Xml))));
        }
    }

    private static void Block(SourceWriter writer, string element, string text)
    {
        var lines = (element == "summary" ? Xml(text) : text).Replace("\r\n", "\n").Split('\n');
        if (lines.Length == 1)
        {
            writer.Line("/// <" + element + ">" + lines[0] + "</" + element + ">");
            return;
        }

        writer.Line("/// <" + element + ">");
        foreach (var line in lines)
        {
            writer.Line(line.Length == 0 ? "///" : "/// " + line);
        }

        writer.Line("/// </" + element + ">");
    }

    private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
