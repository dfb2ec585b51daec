using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Galaxy.Api.Toolkit.Generators.Model;
using Galaxy.Api.Toolkit.Generators.Parsing;

namespace Galaxy.Api.Toolkit.Generators.Emitting;

/// <summary>
/// Decides which request types need generated checks and writes them: a static <c>Validate_X</c> method per object
/// type (constraints from DataAnnotations, required members, non-nullable items, nested objects and items), an
/// <c>IValidator&lt;T&gt;</c> class per body type, and inline checks for constrained route, query and header values.
/// The decision depends only on the components, so every router's handlers and the assembly's validator file agree.
/// </summary>
internal sealed class ValidationPlan
{
    public const string ClassName = "GalaxyApiValidators";
    private const string Checks = "global::Galaxy.Api.Toolkit.Validation.Checks";

    private readonly Dictionary<string, ComponentModel> _components;
    private readonly Dictionary<string, bool> _needs = new(System.StringComparer.Ordinal);
    private readonly JsonNaming _naming;
    private readonly List<string>? _roots;

    public ValidationPlan(IEnumerable<ComponentModel> components, JsonNaming naming, IEnumerable<string?>? roots = null)
    {
        _roots = roots?.Where(static r => r is not null).Select(static r => r!).ToList();
        _components = new Dictionary<string, ComponentModel>(System.StringComparer.Ordinal);
        foreach (var component in components)
        {
            _components[component.Id] = component;
        }

        _naming = naming;
    }

    public static string MethodName(string componentId) => "Validate_" + Identifier(componentId);

    /// <summary>Whether values of the component need any check (transitively).</summary>
    public bool Needs(string? componentId)
    {
        if (componentId is null || !_components.TryGetValue(componentId, out var component) || component.Kind != ComponentKind.Object || component.Polymorphism is not null)
        {
            return false;
        }

        if (_needs.TryGetValue(componentId, out var known))
        {
            return known;
        }

        _needs[componentId] = false; // a cycle contributes nothing on its own
        var needs = component.Properties.Any(PropertyNeedsChecks);
        _needs[componentId] = needs;
        return needs;
    }

    /// <summary>The components whose validate methods are emitted, in a stable order.</summary>
    public IEnumerable<ComponentModel> Validated
    {
        get
        {
            var reachable = new HashSet<string>(System.StringComparer.Ordinal);
            var pending = new Stack<string>((_roots ?? _components.Keys.ToList()).Where(Needs));
            while (pending.Count > 0)
            {
                var id = pending.Pop();
                if (!reachable.Add(id))
                {
                    continue;
                }

                foreach (var property in _components[id].Properties)
                {
                    foreach (var next in new[] { property.Schema.ComponentId, property.Schema.Items?.ComponentId })
                    {
                        if (Needs(next))
                        {
                            pending.Push(next!);
                        }
                    }
                }
            }

            return reachable.Select(id => _components[id]).OrderBy(static c => c.Id, System.StringComparer.Ordinal);
        }
    }

    private bool PropertyNeedsChecks(PropertyModel property)
        => property.NullNotAllowed
            || property.Constraints is not null
            || (property.Access != CollectionAccess.None && !property.ItemsMayBeNull)
            || Needs(property.Schema.ComponentId)
            || Needs(property.Schema.Items?.ComponentId);

    public string Emit()
    {
        var writer = new SourceWriter();
        writer.Raw(SourceWriter.Header);
        writer.Raw("#pragma warning disable CA2255 // the module initializer registers generated validators for DI\n\n");
        writer.Open("namespace Galaxy.Api.Toolkit.Generated");
        writer.Line("/// <summary>The generated checks of the request types of this assembly.</summary>");
        writer.Line(SourceWriter.GeneratedCode);
        writer.Open($"internal static class {ClassName}");
        var statics = new StaticFields();
        foreach (var component in Validated)
        {
            EmitMethod(writer, component, statics);
            writer.Line();
        }

        statics.Emit(writer);

        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    /// <summary>The <c>IValidator&lt;T&gt;</c> classes of the body types, and their registration when the assembly loads.</summary>
    public string EmitValidators(IEnumerable<TypeRef> bodyTypes)
    {
        var types = bodyTypes.Where(t => Needs(IdOf(t))).GroupBy(static t => t.Identifier).OrderBy(static g => g.Key, System.StringComparer.Ordinal).Select(static g => g.First()).ToList();
        var writer = new SourceWriter();
        writer.Raw(SourceWriter.Header);
        writer.Raw("#pragma warning disable CA2255 // the module initializer registers generated validators for DI\n\n");
        writer.Open("namespace Galaxy.Api.Toolkit.Generated");
        foreach (var type in types)
        {
            writer.Line($"/// <summary>The generated validator of <see cref=\"{type.FullyQualifiedName.Replace("global::", string.Empty)}\"/>, usable as a FluentValidation <c>IValidator</c>.</summary>");
            writer.Line(SourceWriter.GeneratedCode);
            writer.Open($"internal sealed class {type.Identifier}_Validator : global::Galaxy.Api.Toolkit.Validation.GeneratedValidator<{type.FullyQualifiedName}>");
            writer.Line($"public override void Validate({type.FullyQualifiedName} instance, global::Galaxy.Api.Toolkit.Validation.ValidationContext context) => {ClassName}.{MethodName(IdOf(type)!)}(instance, context);");
            writer.Close();
            writer.Line();
        }

        writer.Line("/// <summary>Registers the generated validators so that <c>AddGalaxyApi</c> adds them to DI.</summary>");
        writer.Line(SourceWriter.GeneratedCode);
        writer.Open("internal static class GalaxyApiValidatorRegistration");
        writer.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        writer.Open("internal static void Register()");
        foreach (var type in types)
        {
            writer.Line($"global::Galaxy.Api.Toolkit.Validation.GeneratedValidators.Register(new {type.Identifier}_Validator());");
        }

        writer.Close();
        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    /// <summary>The component id of a type, from the components (the id is not derivable from the C# name in general).</summary>
    public string? IdOf(TypeRef type) => _components.Values.FirstOrDefault(c => c.Type.Identifier == type.Identifier)?.Id;

    private void EmitMethod(SourceWriter writer, ComponentModel component, StaticFields statics)
    {
        writer.Open($"public static void {MethodName(component.Id)}({component.Type.FullyQualifiedName} value, global::Galaxy.Api.Toolkit.Validation.ValidationContext context)");
        var index = 0;
        foreach (var property in component.Properties.Where(PropertyNeedsChecks))
        {
            var name = property.ExplicitJsonName ?? JsonNames.Convert(_naming, property.ClrName);
            var variable = "member" + index++.ToString(CultureInfo.InvariantCulture);
            writer.Line($"var {variable} = value.{property.ClrName};");
            var nullable = !property.IsValueType || property.Schema.Nullable;
            var hasInnerChecks = property.Constraints is not null
                || (property.Access != CollectionAccess.None && (!property.ItemsMayBeNull || Needs(property.Schema.Items?.ComponentId)))
                || Needs(property.Schema.ComponentId);
            if (!hasInnerChecks)
            {
                // Only [Required]'s refusal of null is left to check (presence is the JSON contract's).
                writer.Open($"if ({variable} is null)");
                writer.Line($"context.Fail({EndpointEmitter.Literal(name)}, \"Field required\", \"missing\");");
                writer.Close();
                writer.Line();
                continue;
            }

            if (nullable)
            {
                writer.Open($"if ({variable} is not null)");
            }

            writer.Line($"context.Push({EndpointEmitter.Literal(name)});");
            var target = property.IsValueType && property.Schema.Nullable ? variable + ".Value" : variable;
            EmitValueChecks(writer, target, property.Schema, property.Constraints, property.ClrTypeName, statics,
                property.Access switch { CollectionAccess.Array => target + ".Length", CollectionAccess.Indexed => target + ".Count", _ => null });
            if (property.Access != CollectionAccess.None)
            {
                EmitItems(writer, target, property);
            }

            if (Needs(property.Schema.ComponentId))
            {
                writer.Line($"{MethodName(property.Schema.ComponentId!)}({target}, context);");
            }

            writer.Line("context.Pop();");
            if (nullable)
            {
                writer.Close();
                if (property.NullNotAllowed)
                {
                    writer.Open("else");
                    writer.Line($"context.Fail({EndpointEmitter.Literal(name)}, \"Field required\", \"missing\");");
                    writer.Close();
                }
            }

            writer.Line();
        }

        writer.Close();
    }

    private void EmitItems(SourceWriter writer, string target, PropertyModel property)
    {
        var items = property.Schema.Items;
        var nullCheck = !property.ItemsMayBeNull;
        var nested = Needs(items?.ComponentId);
        if (!nullCheck && !nested)
        {
            return;
        }

        void Body(string item)
        {
            if (nullCheck)
            {
                writer.Open($"if ({item} is null)");
                writer.Line("context.Fail(\"Input should not be null\", \"none_not_allowed\");");
                writer.Close();
                if (nested)
                {
                    writer.Open("else");
                    writer.Line($"{MethodName(items!.ComponentId!)}({item}, context);");
                    writer.Close();
                }
            }
            else
            {
                writer.Line($"{MethodName(items!.ComponentId!)}({item}, context);");
            }
        }

        switch (property.Access)
        {
            case CollectionAccess.Array:
            case CollectionAccess.Indexed:
                writer.Open($"for (var index = 0; index < {target}.{(property.Access == CollectionAccess.Array ? "Length" : "Count")}; index++)");
                writer.Line("context.Push(index);");
                Body($"{target}[index]");
                writer.Line("context.Pop();");
                writer.Close();
                break;
            case CollectionAccess.Dictionary:
                writer.Open($"foreach (var pair in {target})");
                writer.Line("context.Push(global::System.Convert.ToString(pair.Key, global::System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);");
                Body("pair.Value");
                writer.Line("context.Pop();");
                writer.Close();
                break;
            default:
                writer.Line("var position = 0;");
                writer.Open($"foreach (var item in {target})");
                writer.Line("context.Push(position++);");
                Body("item");
                writer.Line("context.Pop();");
                writer.Close();
                break;
        }
    }

    /// <summary>Emits the checks of a constrained value (at the current location of <c>context</c>).</summary>
    /// <remarks>Bounds are compared inline with constant messages, so a valid value costs a comparison and no call.</remarks>
    public static void EmitValueChecks(SourceWriter writer, string target, SchemaModel schema, ConstraintsModel? constraints, string? clrType, StaticFields statics, string? count = null)
    {
        if (constraints is null)
        {
            return;
        }

        var isString = clrType is "string";
        if (isString && (constraints.MinLength is not null || constraints.MaxLength is not null))
        {
            // Lengths count code points, as JSON Schema does.
            writer.Open(string.Empty);
            writer.Line($"var length = {Checks}.CodePoints({target});");
            EmitBounds(writer, "length", constraints.MinLength, constraints.MaxLength,
                static n => $"String should have at least {n} character{(n == 1 ? string.Empty : "s")}", "string_too_short",
                static n => $"String should have at most {n} character{(n == 1 ? string.Empty : "s")}", "string_too_long");
            writer.Close();
        }

        if (isString && constraints.Pattern is { } pattern)
        {
            var field = statics.Add("global::System.Text.RegularExpressions.Regex", $"{Checks}.CompilePattern({EndpointEmitter.Literal(pattern)})");
            writer.Line($"{Checks}.Pattern({target}, {field}, {EndpointEmitter.Literal(pattern)}, context);");
        }

        if (isString)
        {
            switch (constraints.Format)
            {
                case "email":
                    writer.Line($"{Checks}.Email({target}, context);");
                    break;
                case "uri":
                    writer.Line($"{Checks}.Url({target}, context);");
                    break;
                case "byte":
                    writer.Line($"{Checks}.Base64({target}, context);");
                    break;
            }
        }

        if (schema.Kind is SchemaKind.Integer or SchemaKind.Number)
        {
            // decimal does not mix with double literals.
            var suffix = clrType is "decimal" or "global::System.Decimal" ? "M" : string.Empty;
            if (constraints.Minimum is { } minimum)
            {
                var (test, message, type) = constraints.ExclusiveMinimum
                    ? (">", "Input should be greater than " + minimum, "greater_than")
                    : (">=", "Input should be greater than or equal to " + minimum, "greater_than_equal");
                writer.Open($"if (!({target} {test} {minimum}{suffix}))").Line($"context.Fail({EndpointEmitter.Literal(message)}, \"{type}\");").Close();
            }

            if (constraints.Maximum is { } maximum)
            {
                var (test, message, type) = constraints.ExclusiveMaximum
                    ? ("<", "Input should be less than " + maximum, "less_than")
                    : ("<=", "Input should be less than or equal to " + maximum, "less_than_equal");
                writer.Open($"if (!({target} {test} {maximum}{suffix}))").Line($"context.Fail({EndpointEmitter.Literal(message)}, \"{type}\");").Close();
            }
        }

        if (schema.Kind == SchemaKind.Array && (constraints.MinItems is not null || constraints.MaxItems is not null))
        {
            count ??= clrType is not null && clrType.EndsWith("[]", System.StringComparison.Ordinal) ? $"{target}.Length" : $"global::System.Linq.Enumerable.Count({target})";
            EmitBounds(writer, count, constraints.MinItems, constraints.MaxItems,
                static n => $"List should have at least {n} item{(n == 1 ? string.Empty : "s")}", "too_short",
                static n => $"List should have at most {n} item{(n == 1 ? string.Empty : "s")}", "too_long");
        }

        var arrayType = clrType switch
        {
            "string" => "string",
            "int" => "int",
            "long" => "long",
            "double" => "double",
            _ => null,
        };
        if (arrayType is not null && constraints.AllowedJson.Count > 0)
        {
            var expected = string.Join(", ", constraints.AllowedJson.Take(constraints.AllowedJson.Count - 1).Select(Display))
                + (constraints.AllowedJson.Count > 1 ? " or " : string.Empty) + Display(constraints.AllowedJson[constraints.AllowedJson.Count - 1]);
            var field = statics.Add(arrayType + "[]", $"[{string.Join(", ", constraints.AllowedJson)}]");
            writer.Line($"{Checks}.Allowed({target}, {field}, {EndpointEmitter.Literal(expected)}, context);");
        }

        if (clrType?.TrimEnd('?') is "string" or "bool" or "int" or "long" or "double" && constraints.ConstJson is { } constant)
        {
            writer.Line($"{Checks}.Const({target}, {constant}, {EndpointEmitter.Literal(Display(constant))}, context);");
        }

        if (arrayType is not null && constraints.DeniedJson.Count > 0)
        {
            var field = statics.Add(arrayType + "[]", $"[{string.Join(", ", constraints.DeniedJson)}]");
            writer.Line($"{Checks}.Denied({target}, {field}, context);");
        }
    }

    private static void EmitBounds(SourceWriter writer, string measure, int? minimum, int? maximum, System.Func<int, string> tooShort, string shortType, System.Func<int, string> tooLong, string longType)
    {
        if (minimum is { } min)
        {
            writer.Open($"if ({measure} < {min.ToString(CultureInfo.InvariantCulture)})").Line($"context.Fail({EndpointEmitter.Literal(tooShort(min))}, \"{shortType}\");").Close();
        }

        if (maximum is { } max)
        {
            writer.Open($"{(minimum is null ? string.Empty : "else ")}if ({measure} > {max.ToString(CultureInfo.InvariantCulture)})").Line($"context.Fail({EndpointEmitter.Literal(tooLong(max))}, \"{longType}\");").Close();
        }
    }

    private static string Display(string json) => json.StartsWith("\"", System.StringComparison.Ordinal) ? "'" + json.Substring(1, json.Length - 2) + "'" : json;

    private static string Identifier(string id)
    {
        var chars = id.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!char.IsLetterOrDigit(chars[i]))
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }
}

/// <summary>Static readonly fields a class's checks use (patterns compiled once, allowed values), de-duplicated.</summary>
internal sealed class StaticFields
{
    private readonly List<(string Type, string Initializer)> _fields = [];

    /// <summary>The field's name for a type and initializer, declaring it on first use.</summary>
    public string Add(string type, string initializer)
    {
        var index = _fields.IndexOf((type, initializer));
        if (index < 0)
        {
            index = _fields.Count;
            _fields.Add((type, initializer));
        }

        return "Check" + index.ToString(CultureInfo.InvariantCulture);
    }

    public void Emit(SourceWriter writer)
    {
        for (var i = 0; i < _fields.Count; i++)
        {
            writer.Line($"private static readonly {_fields[i].Type} Check{i.ToString(CultureInfo.InvariantCulture)} = {_fields[i].Initializer};");
        }
    }
}
