using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Galaxy.Api.Toolkit.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Galaxy.Api.Toolkit.Generators.Parsing;

/// <summary>
/// Describes CLR types as JSON schemas the way System.Text.Json serializes them (public properties, <c>[JsonPropertyName]</c>,
/// <c>[JsonIgnore]</c>, <c>[JsonExtensionData]</c>, required members and constructor parameters, nullable annotations).
/// Objects and enums become components, collected across one router. Types from referenced assemblies are read from
/// metadata the same way, except property initializers, which metadata does not keep: those need <c>[DefaultValue]</c>.
/// </summary>
internal sealed class SchemaParser(KnownSymbols known, CancellationToken cancellationToken)
{
    private readonly Dictionary<string, ComponentModel?> _components = new(System.StringComparer.Ordinal);

    public EquatableArray<ComponentModel> Components
        => _components.Values.Where(static c => c is not null).OrderBy(static c => c!.Id, System.StringComparer.Ordinal).Select(static c => c!).ToEquatableArray();

    public SchemaModel Describe(ITypeSymbol type, NullableAnnotation annotation)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var nullable = annotation == NullableAnnotation.Annotated;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapper)
        {
            type = wrapper.TypeArguments[0];
            nullable = true;
        }

        var schema = DescribeNonNullable(type);
        return nullable && schema.Kind != SchemaKind.Any ? schema.AsNullable() : schema;
    }

    public EnumModel DescribeEnum(INamedTypeSymbol type)
    {
        var members = type.GetMembers().OfType<IFieldSymbol>()
            .Where(static f => f.HasConstantValue && f.IsStatic)
            .Select(f => new EnumMemberModel(f.Name, ExplicitName(f, KnownTypeNames.JsonStringEnumMemberNameAttribute), System.Convert.ToString(f.ConstantValue, System.Globalization.CultureInfo.InvariantCulture)!))
            .ToEquatableArray();
        return new EnumModel(TypeRefs.From(type), members);
    }

    private SchemaModel DescribeNonNullable(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_String:
            case SpecialType.System_Char:
                return SchemaModel.Of(SchemaKind.String);
            case SpecialType.System_Boolean:
                return SchemaModel.Of(SchemaKind.Boolean);
            case SpecialType.System_Byte:
                return SchemaModel.Integer("uint8", "0", "255");
            case SpecialType.System_SByte:
                return SchemaModel.Integer("int8", "-128", "127");
            case SpecialType.System_Int16:
                return SchemaModel.Integer("int16", "-32768", "32767");
            case SpecialType.System_UInt16:
                return SchemaModel.Integer("uint16", "0", "65535");
            case SpecialType.System_Int32:
                return SchemaModel.Of(SchemaKind.Integer, "int32");
            case SpecialType.System_UInt32:
                return SchemaModel.Integer("uint32", "0", "4294967295");
            case SpecialType.System_Int64:
                return SchemaModel.Of(SchemaKind.Integer, "int64");
            case SpecialType.System_UInt64:
                return SchemaModel.Integer("uint64", "0", null);
            case SpecialType.System_Single:
                return SchemaModel.Of(SchemaKind.Number, "float");
            case SpecialType.System_Double:
                return SchemaModel.Of(SchemaKind.Number, "double");
            case SpecialType.System_Decimal:
                return SchemaModel.Of(SchemaKind.Number, "decimal");
            case SpecialType.System_DateTime:
                return SchemaModel.Of(SchemaKind.String, "date-time");
            case SpecialType.System_Object:
                return SchemaModel.Of(SchemaKind.Any);
        }

        if (Is(type, known.GalaxyId))
        {
            return SchemaModel.Of(SchemaKind.GalaxyId);
        }

        if (Is(type, known.DateTimeOffset))
        {
            return SchemaModel.Of(SchemaKind.String, "date-time");
        }

        if (Is(type, known.DateOnly))
        {
            return SchemaModel.Of(SchemaKind.String, "date");
        }

        if (Is(type, known.TimeOnly))
        {
            return SchemaModel.Of(SchemaKind.String, "time");
        }

        if (Is(type, known.TimeSpan))
        {
            return SchemaModel.Of(SchemaKind.String, "duration");
        }

        if (Is(type, known.Guid))
        {
            return SchemaModel.Of(SchemaKind.String, "uuid");
        }

        if (Is(type, known.Uri))
        {
            return SchemaModel.Of(SchemaKind.String, "uri");
        }

        if (Is(type, known.JsonElement) || KnownSymbols.DerivesFrom(type, known.JsonNode))
        {
            return SchemaModel.Of(SchemaKind.Any);
        }

        if (type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte })
        {
            return SchemaModel.Of(SchemaKind.String, "byte");
        }

        if (type.TypeKind == TypeKind.Enum && type is INamedTypeSymbol enumType)
        {
            return Reference(enumType, ComponentKind.Enum);
        }

        if (type is IArrayTypeSymbol array)
        {
            return new SchemaModel(SchemaKind.Array, null, false, null, Describe(array.ElementType, array.ElementNullableAnnotation), false);
        }

        var dictionary = KnownSymbols.FindInterface(type, known.IDictionaryOfT) ?? KnownSymbols.FindInterface(type, known.IReadOnlyDictionaryOfT);
        if (dictionary is not null)
        {
            var value = dictionary.TypeArguments[1];
            return new SchemaModel(SchemaKind.Dictionary, null, false, null, Describe(value, value.NullableAnnotation), false);
        }

        var enumerable = KnownSymbols.FindInterface(type, known.IEnumerableOfT);
        if (enumerable is not null)
        {
            var item = enumerable.TypeArguments[0];
            var unique = KnownSymbols.Implements(type, known.ISetOfT) || KnownSymbols.Implements(type, known.IReadOnlySetOfT);
            return new SchemaModel(SchemaKind.Array, null, false, null, Describe(item, item.NullableAnnotation), unique);
        }

        return type is INamedTypeSymbol named && type.TypeKind is TypeKind.Class or TypeKind.Struct or TypeKind.Interface
            ? Reference(named, ComponentKind.Object)
            : SchemaModel.Of(SchemaKind.Any);
    }

    private SchemaModel Reference(INamedTypeSymbol type, ComponentKind kind)
    {
        var id = TypeRefs.Id(type);
        if (!_components.ContainsKey(id))
        {
            _components[id] = null; // in progress: a recursive reference ends here
            _components[id] = kind == ComponentKind.Enum ? EnumComponent(id, type) : ObjectComponent(id, type);
        }

        return new SchemaModel(SchemaKind.Reference, null, false, id, null, false);
    }

    private ComponentModel EnumComponent(string id, INamedTypeSymbol type)
        => new(id, ReadableName(type), TypeRefs.From(type), ComponentKind.Enum, EquatableArray<PropertyModel>.Empty, DescribeEnum(type), Description(type));

    private ComponentModel ObjectComponent(string id, INamedTypeSymbol type)
    {
        var constructorParameters = DeserializationConstructor(type)?.Parameters ?? [];
        var properties = new List<PropertyModel>();
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        var contract = IsContract(type);
        foreach (var member in SerializedMembers(type))
        {
            if (!seen.Add(member.Name))
            {
                continue;
            }

            var (memberType, annotation) = member switch
            {
                IPropertySymbol p => (p.Type, p.NullableAnnotation),
                IFieldSymbol f => (f.Type, f.NullableAnnotation),
                _ => (null!, NullableAnnotation.None),
            };
            var parameter = constructorParameters.FirstOrDefault(p => string.Equals(p.Name, member.Name, System.StringComparison.OrdinalIgnoreCase));
            var schema = Describe(memberType, annotation);
            var (constraints, annotatedRequired) = ConstraintParser.Read(member.GetAttributes().Concat(parameter?.GetAttributes() ?? []), schema);
            if (annotatedRequired)
            {
                // [Required] refuses null as well as absence.
                schema = schema with { Nullable = false };
            }

            var required = member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true }
                || HasAttribute(member, KnownTypeNames.JsonRequiredAttribute)
                || annotatedRequired
                || (parameter is not null && !parameter.HasExplicitDefaultValue);
            var (defaultJson, defaultEnum) = required ? (null, null) : ConstraintParser.Default(member, parameter, memberType);
            properties.Add(new PropertyModel(
                member.Name,
                ExplicitName(member, KnownTypeNames.JsonPropertyNameAttribute),
                schema,
                required,
                Description(member) ?? (parameter is null ? null : DocumentationComment.For(type).Param(parameter.Name)),
                constraints.IsEmpty ? null : constraints,
                defaultJson,
                ConstraintParser.Example(member, schema),
                HasAttribute(member, KnownTypeNames.ObsoleteAttribute),
                defaultEnum,
                AccessOf(memberType, schema),
                memberType.IsValueType,
                TypeRefs.From(memberType).FullyQualifiedName,
                ItemsMayBeNull(memberType, schema),
                MayBeOmitted: contract || MayBeOmitted(member),
                NullNotAllowed: annotatedRequired && !memberType.IsValueType));
        }

        return new ComponentModel(id, ReadableName(type), TypeRefs.From(type), ComponentKind.Object, properties.ToEquatableArray(), null, Description(type),
            Polymorphism(type), HasAttribute(type, KnownTypeNames.ObsoleteAttribute), DisallowsUnknownMembers(type));
    }

    /// <summary>Whether the items (or dictionary values) of a collection may be null: value types never are, annotated references may.</summary>
    private bool ItemsMayBeNull(ITypeSymbol type, SchemaModel schema)
    {
        if (schema.Items is not { } items || items.Nullable || items.Kind == SchemaKind.Any)
        {
            return true;
        }

        ITypeSymbol? element = type switch
        {
            IArrayTypeSymbol array => array.ElementType,
            _ => (KnownSymbols.FindInterface(type, known.IDictionaryOfT) ?? KnownSymbols.FindInterface(type, known.IReadOnlyDictionaryOfT))?.TypeArguments[1]
                ?? KnownSymbols.FindInterface(type, known.IEnumerableOfT)?.TypeArguments[0],
        };
        return element is null || element.IsValueType;
    }

    /// <summary>How a validator reads a collection member of <paramref name="type"/>.</summary>
    private static CollectionAccess AccessOf(ITypeSymbol type, SchemaModel schema)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T })
        {
            return CollectionAccess.None;
        }

        switch (schema.Kind)
        {
            case SchemaKind.Array when type is IArrayTypeSymbol:
                return CollectionAccess.Array;
            case SchemaKind.Array:
                var definition = type.OriginalDefinition.ToDisplayString();
                return definition is "System.Collections.Generic.List<T>" or "System.Collections.Generic.IList<T>" or "System.Collections.Generic.IReadOnlyList<T>"
                        or "System.Collections.Immutable.ImmutableArray<T>" or "System.Collections.Immutable.ImmutableList<T>"
                    ? CollectionAccess.Indexed
                    : CollectionAccess.Enumerable;
            case SchemaKind.Dictionary:
                return CollectionAccess.Dictionary;
            default:
                return CollectionAccess.None;
        }
    }

    /// <summary>The derived types of a <c>[JsonDerivedType]</c> base, each described as a component of its own.</summary>
    private PolymorphismModel? Polymorphism(INamedTypeSymbol type)
    {
        var derived = type.GetAttributes().Where(static a => a.AttributeClass?.ToDisplayString() == KnownTypeNames.JsonDerivedTypeAttribute && a.ConstructorArguments.Length >= 1).ToList();
        if (derived.Count == 0)
        {
            return null;
        }

        var polymorphic = type.GetAttributes().FirstOrDefault(static a => a.AttributeClass?.ToDisplayString() == KnownTypeNames.JsonPolymorphicAttribute);
        var discriminator = polymorphic is null ? null : RouterParser.Named<string>(polymorphic, "TypeDiscriminatorPropertyName");
        var types = new List<DerivedTypeModel>();
        foreach (var attribute in derived)
        {
            if (attribute.ConstructorArguments[0].Value is not INamedTypeSymbol derivedType)
            {
                continue;
            }

            var reference = Reference(derivedType, ComponentKind.Object);
            var value = attribute.ConstructorArguments.Length > 1 ? ConstraintParser.ToJson(attribute.ConstructorArguments[1].Value) : null;
            types.Add(new DerivedTypeModel(value ?? "null", reference.ComponentId!));
        }

        return new PolymorphismModel(discriminator ?? "$type", types.ToEquatableArray(), !type.IsAbstract);
    }

    /// <summary>Public instance properties and [JsonInclude] fields, most derived first, as System.Text.Json sees them.</summary>
    private static IEnumerable<ISymbol> SerializedMembers(INamedTypeSymbol type)
    {
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                // [JsonExtensionData] holds the members the type does not declare: no property of its own.
                if (member.IsStatic || member.IsImplicitlyDeclared || IsIgnored(member) || HasAttribute(member, KnownTypeNames.JsonExtensionDataAttribute))
                {
                    continue;
                }

                var included = HasAttribute(member, KnownTypeNames.JsonIncludeAttribute);
                switch (member)
                {
                    case IPropertySymbol { IsIndexer: false } property
                        when property.GetMethod is not null && (included || (property.DeclaredAccessibility == Accessibility.Public && property.GetMethod.DeclaredAccessibility == Accessibility.Public)):
                        yield return property;
                        break;
                    case IFieldSymbol field when included:
                        yield return field;
                        break;
                }
            }
        }
    }

    private static IMethodSymbol? DeserializationConstructor(INamedTypeSymbol type)
    {
        var constructors = type.InstanceConstructors.Where(static c => !c.IsImplicitlyDeclared || c.Parameters.Length > 0).ToList();
        var marked = constructors.FirstOrDefault(static c => HasAttribute(c, KnownTypeNames.JsonConstructorAttribute));
        if (marked is not null)
        {
            return marked;
        }

        var publicConstructors = type.InstanceConstructors.Where(static c => c.DeclaredAccessibility == Accessibility.Public).ToList();
        if (publicConstructors.Any(static c => c.Parameters.Length == 0))
        {
            return null;
        }

        return publicConstructors.Count == 1 ? publicConstructors[0] : null;
    }

    /// <summary><c>[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]</c> (Disallow is 1): unknown members are refused.</summary>
    private static bool DisallowsUnknownMembers(INamedTypeSymbol type)
        => type.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == KnownTypeNames.JsonUnmappedMemberHandlingAttribute
            && a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value is int handling && handling == 1);

    /// <summary>
    /// A contract type generated from an API description (Galaxy's document): its required members are exactly the
    /// described ones, as the server writes only the keys of the selected view (see GalaxyResponseKeys).
    /// </summary>
    private static bool IsContract(INamedTypeSymbol type)
        => type.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == KnownTypeNames.GeneratedCodeAttribute
            && a.ConstructorArguments.Length == 2 && a.ConstructorArguments[0].Value is "Galaxy.Api.Toolkit.Generators");

    /// <summary>Whether the serializer may leave the member out when writing (<c>[JsonIgnore(Condition = WhenWritingNull)]</c>...).</summary>
    private static bool MayBeOmitted(ISymbol member)
        => member.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == KnownTypeNames.JsonIgnoreAttribute
            && a.NamedArguments.FirstOrDefault(static n => n.Key == "Condition").Value.Value is int condition && condition is 2 or 3 or 4);

    private static bool IsIgnored(ISymbol member)
    {
        foreach (var attribute in member.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() != KnownTypeNames.JsonIgnoreAttribute)
            {
                continue;
            }

            // JsonIgnoreCondition.Always is 1 and the default; the conditional ones keep the member in the contract.
            var condition = attribute.NamedArguments.FirstOrDefault(static a => a.Key == "Condition").Value;
            return condition.IsNull || condition.Value is null || (int)condition.Value == 1;
        }

        return false;
    }

    private string? Description(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == KnownTypeNames.DescriptionAttribute && attribute.ConstructorArguments.Length == 1)
            {
                return attribute.ConstructorArguments[0].Value as string;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return DocumentationComment.For(symbol).Summary;
    }

    public static string? ExplicitName(ISymbol symbol, string attributeName)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == attributeName && attribute.ConstructorArguments.Length == 1)
            {
                return attribute.ConstructorArguments[0].Value as string;
            }
        }

        return null;
    }

    public static bool HasAttribute(ISymbol symbol, string attributeName)
        => symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == attributeName);

    private static string ReadableName(INamedTypeSymbol type)
    {
        var name = type.Name;
        for (var container = type.ContainingType; container is not null; container = container.ContainingType)
        {
            name = container.Name + name;
        }

        if (type.TypeArguments.Length == 0)
        {
            return name;
        }

        return name + "Of" + string.Join("And", type.TypeArguments.Select(static a => a is INamedTypeSymbol n ? ReadableName(n) : a.Name));
    }

    private static bool Is(ITypeSymbol type, INamedTypeSymbol? known) => known is not null && SymbolEqualityComparer.Default.Equals(type, known);
}
