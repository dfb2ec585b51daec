namespace Galaxy.Api.Toolkit.Generators.Model;

/// <summary>One operation: a router method with a verb attribute.</summary>
internal sealed record OperationModel(
    string HttpMethod,
    string RouteTemplate,
    string DocumentPath,
    string MethodName,
    bool IsStatic,
    string OperationId,
    string? Summary,
    string? Description,
    EquatableArray<ParameterModel> Parameters,
    ReturnModel Return,
    bool IsObsolete,
    LocationInfo? Location);

/// <summary>Where a handler parameter's value comes from.</summary>
internal enum ParameterSource
{
    Route,
    Query,
    Header,
    Body,
    Services,
    CancellationToken,
    HttpContext,
}

/// <summary>One parameter of an operation method.</summary>
/// <param name="DefaultValueJson">The default as a JSON scalar text: a string's raw value, or a number or boolean literal.</param>
/// <param name="DefaultEnumMember">The CLR name of the enum member that is the default; the emitter names it under the policy.</param>
internal sealed record ParameterModel(
    string Name,
    string WireName,
    ParameterSource Source,
    TypeRef Type,
    ScalarModel? Scalar,
    SchemaModel? Schema,
    bool IsNullable,
    bool IsOptional,
    string? DefaultValueCSharp,
    string? DefaultValueJson,
    string? DefaultEnumMember,
    string? Description);

/// <summary>How a route or query value is parsed: a built-in scalar or an enum (with its members).</summary>
internal sealed record ScalarModel(ScalarKind Kind, TypeRef ValueType, bool IsNullableValueType, EnumModel? Enum);

/// <summary>The scalars a route or query value binds to; names match the runtime's <c>ScalarKind</c>.</summary>
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
}

/// <summary>An enum type and its members: CLR name and explicit wire name (<c>[JsonStringEnumMemberName]</c>).</summary>
internal sealed record EnumModel(TypeRef Type, EquatableArray<EnumMemberModel> Members);

/// <summary>One enum member.</summary>
internal sealed record EnumMemberModel(string Name, string? ExplicitWireName, string Value);

/// <summary>What the method returns and how the handler awaits it.</summary>
internal sealed record ReturnModel(ReturnKind Kind, TypeRef? ValueType, SchemaModel? Schema);

/// <summary>The shapes of return types the handlers support.</summary>
internal enum ReturnKind
{
    Void,
    Value,
    Task,
    TaskOfValue,
    ValueTask,
    ValueTaskOfValue,
}

/// <summary>How emitted C# names a type, and the identity used to share its contract.</summary>
/// <param name="FullyQualifiedName">The name with <c>global::</c>, nullable annotation included (<c>global::Ns.T?</c>).</param>
/// <param name="Identifier">A C# identifier fragment unique to the type, for emitted member names.</param>
/// <param name="IsValueType">Whether the type is a value type.</param>
internal sealed record TypeRef(string FullyQualifiedName, string Identifier, bool IsValueType);
