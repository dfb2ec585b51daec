using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Galaxy.Api.Toolkit.Package.Tests.PublicApi;

/// <summary>
/// The public surface of an assembly as text, one line per type and member, read by reflection: what a user of the
/// package can name (public and protected members of exported types), with C# nullability, default values, constants
/// and the attributes that change how a member may be used (obsolete, trimming and AOT requirements, experimental).
/// Types and members are sorted, so the text changes only when the surface does.
/// </summary>
internal static class PublicApiWriter
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void", [typeof(object)] = "object", [typeof(string)] = "string", [typeof(bool)] = "bool",
        [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte", [typeof(short)] = "short", [typeof(ushort)] = "ushort",
        [typeof(int)] = "int", [typeof(uint)] = "uint", [typeof(long)] = "long", [typeof(ulong)] = "ulong",
        [typeof(float)] = "float", [typeof(double)] = "double", [typeof(decimal)] = "decimal", [typeof(char)] = "char",
        [typeof(nint)] = "nint", [typeof(nuint)] = "nuint",
    };

    public static string Describe(Assembly assembly)
    {
        var text = new StringBuilder();
        var nullability = new NullabilityInfoContext();
        var types = assembly.GetExportedTypes()
            .Where(static t => !t.Name.Contains('<', StringComparison.Ordinal)) // C# 14 extension groupings: their methods are listed on the containing class
            .OrderBy(static t => t.FullName, StringComparer.Ordinal);
        foreach (var type in types)
        {
            text.Append(Attributes(type)).Append(TypeHeader(type)).Append('\n');
            foreach (var member in Members(type, nullability).Order(StringComparer.Ordinal))
            {
                text.Append("  ").Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    private static IEnumerable<string> Members(Type type, NullabilityInfoContext nullability)
    {
        if (type.IsEnum)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                yield return $"{Attributes(field)}{field.Name} = {Convert.ToString(field.GetRawConstantValue(), CultureInfo.InvariantCulture)}";
            }

            yield break;
        }

        if (IsDelegate(type))
        {
            yield break; // the header carries the signature
        }

        foreach (var constructor in type.GetConstructors(Declared).Where(Visible))
        {
            yield return $"{Attributes(constructor)}{Access(constructor)} {(constructor.IsStatic ? "static " : string.Empty)}{ShortName(type)}({Parameters(constructor, nullability)})";
        }

        foreach (var method in type.GetMethods(Declared).Where(Visible).Where(static m => !m.IsSpecialName || m.Name.StartsWith("op_", StringComparison.Ordinal)))
        {
            var returns = Format(method.ReturnType, nullability.Create(method.ReturnParameter));
            yield return $"{Attributes(method)}{Access(method)} {Modifiers(method, type)}{returns} {method.Name}{GenericParameters(method.GetGenericArguments())}({Parameters(method, nullability)}){Constraints(method.GetGenericArguments())}";
        }

        foreach (var property in type.GetProperties(Declared))
        {
            var accessors = new[] { property.GetMethod, property.SetMethod }.Where(static a => a is not null && Visible(a)).Cast<MethodInfo>().ToList();
            if (accessors.Count == 0)
            {
                continue;
            }

            var first = accessors[0];
            var parts = new List<string>();
            if (property.GetMethod is { } getter && Visible(getter))
            {
                parts.Add(AccessorAccess(getter, first) + "get;");
            }

            if (property.SetMethod is { } setter && Visible(setter))
            {
                var init = setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
                parts.Add(AccessorAccess(setter, first) + (init ? "init;" : "set;"));
            }

            var indexer = property.GetIndexParameters();
            var name = indexer.Length == 0 ? property.Name : $"this[{string.Join(", ", indexer.Select(p => Parameter(p, nullability)))}]";
            var required = property.IsDefined(typeof(RequiredMemberAttribute)) ? "required " : string.Empty;
            yield return $"{Attributes(property)}{Access(first)} {required}{Modifiers(first, type)}{Format(property.PropertyType, nullability.Create(property))} {name} {{ {string.Join(" ", parts)} }}";
        }

        foreach (var field in type.GetFields(Declared).Where(static f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly))
        {
            var declaredType = Format(field.FieldType, nullability.Create(field));
            if (field.IsLiteral)
            {
                yield return $"{Attributes(field)}{FieldAccess(field)} const {declaredType} {field.Name} = {Literal(field.GetRawConstantValue())}";
            }
            else
            {
                var modifiers = (field.IsStatic ? "static " : string.Empty) + (field.IsInitOnly ? "readonly " : string.Empty);
                yield return $"{Attributes(field)}{FieldAccess(field)} {modifiers}{declaredType} {field.Name}";
            }
        }

        foreach (var @event in type.GetEvents(Declared))
        {
            if (@event.AddMethod is { } add && Visible(add))
            {
                yield return $"{Attributes(@event)}{Access(add)} {Modifiers(add, type)}event {Format(@event.EventHandlerType!, nullability.Create(@event))} {@event.Name}";
            }
        }
    }

    private static string TypeHeader(Type type)
    {
        var name = TypeName(type, qualified: true) + GenericParameters(type.IsGenericTypeDefinition ? GenericParametersOf(type) : []);
        if (type.IsEnum)
        {
            var underlying = Enum.GetUnderlyingType(type);
            return $"{(type.IsDefined(typeof(FlagsAttribute)) ? "[Flags] " : string.Empty)}enum {name}{(underlying == typeof(int) ? string.Empty : " : " + Keywords[underlying])}";
        }

        if (IsDelegate(type))
        {
            var invoke = type.GetMethod("Invoke")!;
            var nullability = new NullabilityInfoContext();
            return $"delegate {Format(invoke.ReturnType, nullability.Create(invoke.ReturnParameter))} {name}({Parameters(invoke, nullability)})";
        }

        string kind;
        if (type.IsInterface)
        {
            kind = "interface";
        }
        else if (type.IsValueType)
        {
            kind = (type.IsDefined(typeof(IsReadOnlyAttribute)) ? "readonly " : string.Empty) + (IsRecord(type) ? "record struct" : "struct");
        }
        else
        {
            kind = (type.IsAbstract && type.IsSealed ? "static " : type.IsAbstract ? "abstract " : type.IsSealed ? "sealed " : string.Empty) + (IsRecord(type) ? "record" : "class");
        }

        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType))
        {
            bases.Add(TypeName(baseType, qualified: true));
        }

        var inherited = type.BaseType?.GetInterfaces() ?? [];
        bases.AddRange(type.GetInterfaces().Where(i => !inherited.Contains(i) && (i.IsPublic || i.IsNestedPublic)).Select(static i => TypeName(i, qualified: true)).Order(StringComparer.Ordinal));
        return $"{kind} {name}{(bases.Count == 0 ? string.Empty : " : " + string.Join(", ", bases))}{Constraints(type.IsGenericTypeDefinition ? GenericParametersOf(type) : [])}";
    }

    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null || (type.IsValueType && type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null);

    private static bool IsDelegate(Type type) => typeof(Delegate).IsAssignableFrom(type) && type != typeof(Delegate) && type != typeof(MulticastDelegate);

    /// <summary>The type's own generic parameters (a nested type's also list its containing type's).</summary>
    private static Type[] GenericParametersOf(Type type)
    {
        var all = type.GetGenericArguments();
        var outer = type.DeclaringType?.GetGenericArguments().Length ?? 0;
        return all[outer..];
    }

    private static bool Visible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    private static string Access(MethodBase method) => method.IsPublic ? "public" : "protected";

    private static string FieldAccess(FieldInfo field) => field.IsPublic ? "public" : "protected";

    private static string AccessorAccess(MethodInfo accessor, MethodInfo first) => Access(accessor) == Access(first) ? string.Empty : Access(accessor) + " ";

    private static string Modifiers(MethodInfo method, Type declaringType)
    {
        if (method.IsStatic)
        {
            return method.IsAbstract ? "static abstract " : method.IsVirtual ? "static virtual " : "static ";
        }

        if (declaringType.IsInterface)
        {
            return method.IsAbstract ? string.Empty : "virtual ";
        }

        if (method.IsAbstract)
        {
            return "abstract ";
        }

        if (!method.IsVirtual || (method.IsFinal && method.GetBaseDefinition() == method))
        {
            return string.Empty; // not virtual, or an interface implementation only
        }

        var overrides = method.GetBaseDefinition().DeclaringType != method.DeclaringType;
        return (overrides ? "override " : "virtual ") + (method.IsFinal ? "sealed " : string.Empty);
    }

    private static string Parameters(MethodBase method, NullabilityInfoContext nullability)
    {
        var parameters = method.GetParameters();
        var extension = method.IsDefined(typeof(ExtensionAttribute));
        return string.Join(", ", parameters.Select((p, i) => (i == 0 && extension ? "this " : string.Empty) + Parameter(p, nullability)));
    }

    private static string Parameter(ParameterInfo parameter, NullabilityInfoContext nullability)
    {
        var type = parameter.ParameterType;
        var prefix = string.Empty;
        if (type.IsByRef)
        {
            type = type.GetElementType()!;
            prefix = parameter.IsOut ? "out " : parameter.IsIn ? "in " : "ref ";
        }

        if (parameter.IsDefined(typeof(ParamArrayAttribute)))
        {
            prefix += "params ";
        }

        var text = $"{prefix}{Format(type, nullability.Create(parameter))} {parameter.Name}";
        return parameter.HasDefaultValue ? $"{text} = {Literal(parameter.RawDefaultValue)}" : text;
    }

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        char c => $"'{c}'",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string GenericParameters(Type[] parameters)
    {
        if (parameters.Length == 0)
        {
            return string.Empty;
        }

        return "<" + string.Join(", ", parameters.Select(static p =>
        {
            var variance = p.GenericParameterAttributes & GenericParameterAttributes.VarianceMask;
            return (variance == GenericParameterAttributes.Covariant ? "out " : variance == GenericParameterAttributes.Contravariant ? "in " : string.Empty) + p.Name;
        })) + ">";
    }

    private static string Constraints(Type[] parameters)
    {
        var text = new StringBuilder();
        foreach (var parameter in parameters)
        {
            var constraints = new List<string>();
            var attributes = parameter.GenericParameterAttributes;
            if (attributes.HasFlag(GenericParameterAttributes.NotNullableValueTypeConstraint))
            {
                constraints.Add("struct");
            }
            else if (attributes.HasFlag(GenericParameterAttributes.ReferenceTypeConstraint))
            {
                constraints.Add("class");
            }

            constraints.AddRange(parameter.GetGenericParameterConstraints().Where(static c => c != typeof(ValueType)).Select(static c => TypeName(c, qualified: true)).Order(StringComparer.Ordinal));
            if (attributes.HasFlag(GenericParameterAttributes.DefaultConstructorConstraint) && !attributes.HasFlag(GenericParameterAttributes.NotNullableValueTypeConstraint))
            {
                constraints.Add("new()");
            }

            if (constraints.Count > 0)
            {
                text.Append(" where ").Append(parameter.Name).Append(" : ").Append(string.Join(", ", constraints));
            }
        }

        return text.ToString();
    }

    /// <summary>A type as C# writes it, with <c>?</c> where <paramref name="nullability"/> says a reference may be null.</summary>
    private static string Format(Type type, NullabilityInfo? nullability)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Format(underlying, nullability?.GenericTypeArguments.FirstOrDefault()) + "?";
        }

        var mark = nullability is not null && !type.IsValueType && (nullability.ReadState == NullabilityState.Nullable || (nullability.ReadState == NullabilityState.Unknown && nullability.WriteState == NullabilityState.Nullable)) ? "?" : string.Empty;
        if (type.IsArray)
        {
            var rank = type.GetArrayRank();
            return Format(type.GetElementType()!, nullability?.ElementType) + "[" + new string(',', rank - 1) + "]" + mark;
        }

        if (type.IsPointer)
        {
            return Format(type.GetElementType()!, null) + "*";
        }

        if (type.IsGenericParameter)
        {
            return type.Name + mark;
        }

        if (type.IsGenericType && type.FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true)
        {
            var items = type.GetGenericArguments().Select((a, i) => Format(a, nullability is not null && i < nullability.GenericTypeArguments.Length ? nullability.GenericTypeArguments[i] : null));
            return "(" + string.Join(", ", items) + ")";
        }

        if (!type.IsGenericType)
        {
            return TypeName(type, qualified: true) + mark;
        }

        var arguments = type.GetGenericArguments().Select((a, i) => Format(a, nullability is not null && i < nullability.GenericTypeArguments.Length ? nullability.GenericTypeArguments[i] : null));
        return GenericName(type) + "<" + string.Join(", ", arguments) + ">" + mark;
    }

    /// <summary>A type's name with its namespace and containing types, generic arguments by name.</summary>
    private static string TypeName(Type type, bool qualified)
    {
        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword;
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            return Format(type, null);
        }

        return qualified ? Qualified(type) : ShortName(type);
    }

    private static string GenericName(Type type) => Qualified(type.GetGenericTypeDefinition());

    private static string Qualified(Type type)
    {
        var name = ShortName(type);
        for (var outer = type.DeclaringType; outer is not null; outer = outer.DeclaringType)
        {
            name = ShortName(outer) + "." + name;
        }

        return string.IsNullOrEmpty(type.Namespace) ? name : type.Namespace + "." + name;
    }

    private static string ShortName(Type type)
    {
        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }

    /// <summary>The attributes that change how a member may be used, as C# would write them.</summary>
    private static string Attributes(MemberInfo member)
    {
        var text = new StringBuilder();
        var attributes = member.GetCustomAttributesData();
        // The compiler marks constructors of types with required members obsolete for older compilers: not the API's word.
        var requiredMembersMarker = attributes.Any(static a => a.AttributeType.FullName == "System.Runtime.CompilerServices.CompilerFeatureRequiredAttribute");
        foreach (var attribute in attributes.OrderBy(static a => a.AttributeType.Name, StringComparer.Ordinal))
        {
            var name = attribute.AttributeType.FullName switch
            {
                "System.ObsoleteAttribute" when !requiredMembersMarker => "Obsolete",
                "System.Diagnostics.CodeAnalysis.RequiresUnreferencedCodeAttribute" => nameof(RequiresUnreferencedCodeAttribute)[..^"Attribute".Length],
                "System.Diagnostics.CodeAnalysis.RequiresDynamicCodeAttribute" => nameof(RequiresDynamicCodeAttribute)[..^"Attribute".Length],
                "System.Diagnostics.CodeAnalysis.ExperimentalAttribute" => nameof(ExperimentalAttribute)[..^"Attribute".Length],
                _ => null,
            };
            if (name is not null)
            {
                text.Append('[').Append(name).Append("] ");
            }
        }

        return text.ToString();
    }
}
