namespace Galaxy.Api.Toolkit.Generators.Model;

/// <summary>The kinds of JSON schema the document uses.</summary>
internal enum SchemaKind
{
    Any,
    String,
    Integer,
    Number,
    Boolean,
    Array,
    Dictionary,
    Reference,

    /// <summary>Galaxy's encoded id: a string of hexadecimal characters.</summary>
    GalaxyId,
}

/// <summary>
/// The JSON schema of a type as it appears where it is used. Objects and enums are components, referenced by id; the
/// emitter gives them their names.
/// </summary>
internal sealed record SchemaModel(
    SchemaKind Kind,
    string? Format,
    bool Nullable,
    string? ComponentId,
    SchemaModel? Items,
    bool UniqueItems)
{
    public static SchemaModel Of(SchemaKind kind, string? format = null) => new(kind, format, false, null, null, false);

    public SchemaModel AsNullable() => this with { Nullable = true };
}

/// <summary>The kinds of components.</summary>
internal enum ComponentKind
{
    Object,
    Enum,
}

/// <summary>A named schema under <c>components/schemas</c>: an object with properties, or a string enum.</summary>
/// <param name="Id">The type's fully qualified metadata name: unique in the compilation.</param>
/// <param name="Name">The readable name before de-duplication (<c>History</c>, <c>PageOfHistory</c>).</param>
/// <param name="Type">The CLR type.</param>
internal sealed record ComponentModel(
    string Id,
    string Name,
    TypeRef Type,
    ComponentKind Kind,
    EquatableArray<PropertyModel> Properties,
    EnumModel? Enum,
    string? Description);

/// <summary>A property of an object component.</summary>
/// <param name="ClrName">The CLR member name, to which the naming policy applies.</param>
/// <param name="ExplicitJsonName">The <c>[JsonPropertyName]</c> value, used as is.</param>
internal sealed record PropertyModel(
    string ClrName,
    string? ExplicitJsonName,
    SchemaModel Schema,
    bool IsRequired,
    string? Description);
