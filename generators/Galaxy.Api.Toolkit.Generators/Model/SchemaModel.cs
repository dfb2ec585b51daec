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
    bool UniqueItems,
    string? Minimum = null,
    string? Maximum = null)
{
    public static SchemaModel Of(SchemaKind kind, string? format = null) => new(kind, format, false, null, null, false);

    /// <summary>An integer type's schema with its range (<c>byte</c>: 0 to 255).</summary>
    public static SchemaModel Integer(string format, string? minimum, string? maximum) => new(SchemaKind.Integer, format, false, null, null, false, minimum, maximum);

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
/// <param name="DisallowsUnknownMembers"><c>[JsonUnmappedMemberHandling(Disallow)]</c>: the serializer refuses members the type does not declare.</param>
internal sealed record ComponentModel(
    string Id,
    string Name,
    TypeRef Type,
    ComponentKind Kind,
    EquatableArray<PropertyModel> Properties,
    EnumModel? Enum,
    string? Description,
    PolymorphismModel? Polymorphism = null,
    bool IsDeprecated = false,
    bool DisallowsUnknownMembers = false);

/// <summary><c>[JsonPolymorphic]</c>/<c>[JsonDerivedType]</c>: the base is a <c>oneOf</c> of its derived types.</summary>
/// <param name="DiscriminatorProperty">The discriminator's JSON name (<c>$type</c> by default).</param>
/// <param name="DerivedTypes">Each derived type's discriminator (JSON literal) and component id.</param>
/// <param name="BaseIsConcrete">Whether instances of the base itself can be written (they carry no discriminator).</param>
internal sealed record PolymorphismModel(string DiscriminatorProperty, EquatableArray<DerivedTypeModel> DerivedTypes, bool BaseIsConcrete);

/// <summary>One derived type of a polymorphic base.</summary>
/// <param name="DiscriminatorJson">The discriminator value as a JSON literal (<c>"circle"</c> or <c>1</c>).</param>
internal sealed record DerivedTypeModel(string DiscriminatorJson, string ComponentId);

/// <summary>
/// What DataAnnotations (and, later, validators) say about a value that a schema can say too. Numbers are kept as
/// JSON literal text so that the document writes them exactly as declared.
/// </summary>
/// <param name="ConstJson">The only valid value (<c>[Const]</c>) as a JSON literal.</param>
internal sealed record ConstraintsModel(
    int? MinLength = null,
    int? MaxLength = null,
    string? Minimum = null,
    string? Maximum = null,
    bool ExclusiveMinimum = false,
    bool ExclusiveMaximum = false,
    string? Pattern = null,
    string? Format = null,
    int? MinItems = null,
    int? MaxItems = null,
    EquatableArray<string> AllowedJson = default,
    EquatableArray<string> DeniedJson = default,
    string? ConstJson = null)
{
    public static readonly ConstraintsModel None = new();

    public bool IsEmpty => Equals(None);
}

/// <summary>A property of an object component.</summary>
/// <param name="ClrName">The CLR member name, to which the naming policy applies.</param>
/// <param name="ExplicitJsonName">The <c>[JsonPropertyName]</c> value, used as is.</param>
internal sealed record PropertyModel(
    string ClrName,
    string? ExplicitJsonName,
    SchemaModel Schema,
    bool IsRequired,
    string? Description,
    ConstraintsModel? Constraints = null,
    string? DefaultJson = null,
    string? ExampleJson = null,
    bool IsDeprecated = false,
    string? DefaultEnumMember = null,
    CollectionAccess Access = CollectionAccess.None,
    bool IsValueType = false,
    string? ClrTypeName = null,
    bool ItemsMayBeNull = true,
    ConstraintsModel? ItemConstraints = null,
    EquatableArray<string> NotExpressible = default,
    bool MayBeOmitted = false,
    bool NullNotAllowed = false);

/// <summary>How generated validators walk a collection member without allocating.</summary>
internal enum CollectionAccess
{
    None,

    /// <summary>An array: <c>Length</c> and the indexer.</summary>
    Array,

    /// <summary>A list type with <c>Count</c> and an indexer.</summary>
    Indexed,

    /// <summary>Any other collection: <c>foreach</c> (a struct enumerator for concrete types).</summary>
    Enumerable,

    /// <summary>A dictionary: <c>foreach</c> over its pairs, checking values.</summary>
    Dictionary,
}
