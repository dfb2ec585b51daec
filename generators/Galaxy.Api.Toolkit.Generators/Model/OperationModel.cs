namespace Galaxy.Api.Toolkit.Generators.Model;

/// <summary>One operation: a router method with a verb attribute.</summary>
internal sealed record OperationModel(
    string HttpMethod,
    string RouteTemplate,
    string DocumentPath,
    string? Alias,
    string MethodName,
    bool IsStatic,
    string OperationId,
    string? Summary,
    string? Description,
    OperationAccess Access,
    EquatableArray<ParameterModel> Parameters,
    ReturnModel Return,
    bool IsObsolete,
    LocationInfo? Location,
    string? ReturnsDescription = null)
{
    /// <summary>The parameters as the request carries them: <c>[AsParameters]</c> groups expanded.</summary>
    public System.Collections.Generic.IEnumerable<ParameterModel> RequestParameters
    {
        get
        {
            foreach (var parameter in Parameters)
            {
                if (parameter.Group is { } group)
                {
                    foreach (var member in group.Members)
                    {
                        yield return member;
                    }
                }
                else
                {
                    yield return parameter;
                }
            }
        }
    }
}

/// <summary>Who may call an operation.</summary>
internal enum OperationAccess
{
    User,
    Public,
    Admin,
}

/// <summary>Where a handler parameter's value comes from.</summary>
internal enum ParameterSource
{
    Route,
    Query,
    Header,
    Body,
    Services,
    KeyedServices,
    CancellationToken,
    HttpContext,
    HttpRequest,
    HttpResponse,
    ClaimsPrincipal,
    GalaxyUser,
    QueryFilters,
    AsParameters,
}

/// <summary>The formats a body parameter accepts.</summary>
internal enum BodyFormat
{
    None,
    Json,
    Form,
    JsonOrForm,
}

/// <summary>The collection shapes a route, query or header parameter may have.</summary>
internal enum CollectionKind
{
    None,
    Array,
    List,
    HashSet,
}

/// <summary>One parameter of an operation method (or a member of an <c>[AsParameters]</c> group).</summary>
/// <param name="Name">The C# parameter name, or the member name inside a group.</param>
/// <param name="WireName">The route, query or header key.</param>
/// <param name="Scalar">For route, query and header values: the scalar (of each item, for collections).</param>
/// <param name="DefaultValueJson">The default as JSON scalar text: a string's raw value, or a number or boolean literal.</param>
/// <param name="DefaultEnumMember">The CLR name of the enum member that is the default; the emitter names it under the policy.</param>
/// <param name="ServiceKey">The C# literal of a keyed service's key.</param>
/// <param name="WireNameFromPolicy">Whether <see cref="WireName"/> is a member name that the JSON naming policy turns into the key.</param>
internal sealed record ParameterModel(
    string Name,
    string WireName,
    ParameterSource Source,
    TypeRef Type,
    ScalarModel? Scalar,
    CollectionKind Collection,
    bool CommaSeparated,
    SchemaModel? Schema,
    bool IsNullable,
    bool IsOptional,
    string? DefaultValueCSharp,
    string? DefaultValueJson,
    string? DefaultEnumMember,
    string? Description,
    BodyFormat BodyFormat,
    string? ServiceKey,
    GroupModel? Group,
    bool WireNameFromPolicy = false,
    ConstraintsModel? Constraints = null)
{
    /// <summary>The key on the wire: the declared name, or for members of an <c>[AsParameters]</c> group the name under the naming policy.</summary>
    public string WireNameUnder(JsonNaming naming) => WireNameFromPolicy ? Parsing.JsonNames.Convert(naming, WireName) : WireName;
}

/// <summary>How an <c>[AsParameters]</c> type is bound and built.</summary>
/// <param name="ConstructorArguments">Member names passed to the constructor, in order.</param>
/// <param name="InitializedMembers">Member names set by the object initializer.</param>
/// <param name="UsesDefaultsInstance">Whether a default instance supplies the values of absent members (non-constant initializers).</param>
internal sealed record GroupModel(
    EquatableArray<ParameterModel> Members,
    EquatableArray<string> ConstructorArguments,
    EquatableArray<string> InitializedMembers,
    bool UsesDefaultsInstance);

/// <summary>How a route, query or header value is parsed: a built-in scalar, an enum or a Galaxy id.</summary>
internal sealed record ScalarModel(ScalarKind Kind, TypeRef ValueType, bool IsNullableValueType, EnumModel? Enum);

/// <summary>The scalars a route or query value binds to; the names up to <see cref="DateOnly"/> match the runtime's <c>ScalarKind</c>.</summary>
internal enum ScalarKind
{
    String,
    Boolean,
    Byte,
    SByte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Single,
    Double,
    Decimal,
    Guid,
    DateTime,
    DateTimeOffset,
    DateOnly,
    Enum,
    GalaxyId,
}

/// <summary>An enum type and its members: CLR name, explicit wire name (<c>[JsonStringEnumMemberName]</c>) and value.</summary>
internal sealed record EnumModel(TypeRef Type, EquatableArray<EnumMemberModel> Members);

/// <summary>One enum member.</summary>
internal sealed record EnumMemberModel(string Name, string? ExplicitWireName, string Value);

/// <summary>How the handler awaits the method.</summary>
internal enum AwaitKind
{
    None,
    Task,
    ValueTask,
}

/// <summary>What the method returns and how the handler writes it.</summary>
/// <param name="ValueType">The returned type (after unwrapping Task/ValueTask); null for void.</param>
/// <param name="IsResult">Whether the returned value is an <c>IResult</c>, written by executing it.</param>
/// <param name="Responses">The documented successful and typed responses, by status.</param>
internal sealed record ReturnModel(AwaitKind Await, TypeRef? ValueType, bool IsResult, EquatableArray<ResponseModel> Responses);

/// <summary>A documented response.</summary>
/// <param name="ResultType">For a member of a typed-result union: the result type (<c>global::...Ok&lt;T&gt;</c>).</param>
/// <param name="ValueType">The body's type, when the response has a JSON body.</param>
/// <param name="Schema">The body's schema; null for no body; for a value-less void operation the emitter writes <c>null</c>.</param>
/// <param name="HasLocation">Whether the result sets a Location header (<c>Created&lt;T&gt;</c>, <c>Accepted&lt;T&gt;</c>).</param>
internal sealed record ResponseModel(int Status, string? ResultType, TypeRef? ValueType, SchemaModel? Schema, bool HasLocation, bool IsNullBody);

/// <summary>How emitted C# names a type, and the identity used to share its contract.</summary>
/// <param name="FullyQualifiedName">The name with <c>global::</c>, without nullable reference annotation.</param>
/// <param name="Identifier">A C# identifier fragment unique to the type, for emitted member names.</param>
/// <param name="IsValueType">Whether the type is a value type.</param>
internal sealed record TypeRef(string FullyQualifiedName, string Identifier, bool IsValueType);
