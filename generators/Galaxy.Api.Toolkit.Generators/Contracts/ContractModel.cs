using Galaxy.Api.Toolkit.Generators.Model;

namespace Galaxy.Api.Toolkit.Generators.Contracts;

// Caching rule, as for Model/: strings, booleans, enums and EquatableArray<T> only, so that the same document parses to
// an equal model and each type's file is regenerated only when its own schema changes. C# is kept as text (type names,
// attribute arguments) already resolved by the parser, so that the emitter needs nothing but the model.

/// <summary>A contracts document (an OpenAPI 3 document's component schemas) parsed into C# types.</summary>
/// <param name="Path">Where the document was read from (for messages).</param>
/// <param name="Namespace">The namespace of the generated types.</param>
/// <param name="Types">One type per component schema, in the document's order.</param>
/// <param name="Error">Why the document could not be read, else null (and no types).</param>
internal sealed record ContractDocumentModel(string Path, string Namespace, EquatableArray<ContractTypeModel> Types, string? Error);

/// <summary>What C# shape a component schema takes.</summary>
internal enum ContractKind
{
    /// <summary>An object with properties: a sealed class.</summary>
    Object,

    /// <summary>A string enum (or a string <c>const</c>): a C# enum.</summary>
    Enum,

    /// <summary>An array (pydantic's <c>RootModel[list[X]]</c>): a class deriving <c>List&lt;X&gt;</c>.</summary>
    List,

    /// <summary>An object of <c>additionalProperties</c> only: a class deriving <c>Dictionary&lt;string, X&gt;</c>.</summary>
    Dictionary,
}

/// <summary>One generated type.</summary>
/// <param name="SchemaName">The component's name in the document.</param>
/// <param name="Name">The C# type name.</param>
/// <param name="Namespace">The namespace, so that the emitter writes fully qualified names.</param>
/// <param name="Description">The schema's <c>description</c> (written as <c>[Description]</c>, read back into the document).</param>
/// <param name="Title">The schema's <c>title</c>, for the remarks (the XML summary is the description only, as metadata readers see).</param>
/// <param name="Properties">The properties of an object.</param>
/// <param name="Members">The members of an enum.</param>
/// <param name="ElementType">The item (list) or value (dictionary) type as C#.</param>
/// <param name="HasExtensionData">Whether the object keeps undeclared members (<c>additionalProperties</c> allowed).</param>
/// <param name="Notes">What the C# cannot say of the schema (fallbacks), for the type's remarks.</param>
/// <param name="DisallowsUnknownMembers">Whether the object refuses undeclared members (<c>additionalProperties: false</c>).</param>
internal sealed record ContractTypeModel(
    string SchemaName,
    string Name,
    string Namespace,
    ContractKind Kind,
    string? Description,
    string? Title,
    EquatableArray<ContractPropertyModel> Properties,
    EquatableArray<ContractEnumMemberModel> Members,
    string? ElementType,
    bool HasExtensionData,
    EquatableArray<string> Notes,
    bool DisallowsUnknownMembers = false);

/// <summary>One property of a generated class.</summary>
/// <param name="JsonName">The member's name in JSON.</param>
/// <param name="Name">The C# property name.</param>
/// <param name="NeedsJsonName">Whether <c>[JsonPropertyName]</c> is needed (snake_case of the C# name is not the JSON name).</param>
/// <param name="Type">The C# type, nullable marker included.</param>
/// <param name="IsRequired">C# <c>required</c>: the schema lists the member in <c>required</c>.</param>
/// <param name="IsJsonRequired"><c>[JsonRequired]</c> with an initializer: a required constant.</param>
/// <param name="Initializer">The C# initializer expression, if any.</param>
/// <param name="DefaultValue">The <c>[DefaultValue]</c> argument (C#), so that the default is readable from metadata.</param>
/// <param name="Attributes">Other attributes (constraints, <c>[Const]</c>) as C# without brackets.</param>
/// <param name="Description">The schema's description.</param>
/// <param name="Title">The schema's <c>title</c>, for the remarks (the XML summary is the description only, as metadata readers see).</param>
/// <param name="Notes">What the C# cannot say of the schema, for the remarks.</param>
internal sealed record ContractPropertyModel(
    string JsonName,
    string Name,
    bool NeedsJsonName,
    string Type,
    bool IsRequired,
    bool IsJsonRequired,
    string? Initializer,
    string? DefaultValue,
    EquatableArray<string> Attributes,
    string? Description,
    string? Title,
    EquatableArray<string> Notes);

/// <summary>One member of a generated enum.</summary>
/// <param name="Name">The C# member name.</param>
/// <param name="Value">The JSON value.</param>
/// <param name="NeedsName">Whether <c>[JsonStringEnumMemberName]</c> is needed.</param>
internal sealed record ContractEnumMemberModel(string Name, string Value, bool NeedsName);
