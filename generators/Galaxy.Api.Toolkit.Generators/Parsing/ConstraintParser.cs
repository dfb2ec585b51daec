using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Galaxy.Api.Toolkit.Generators.Emitting;
using Galaxy.Api.Toolkit.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Galaxy.Api.Toolkit.Generators.Parsing;

/// <summary>
/// Reads System.ComponentModel.DataAnnotations attributes into the constraints a JSON schema can state, and the
/// default value and example of a member.
/// </summary>
internal static class ConstraintParser
{
    private const string DataAnnotations = "System.ComponentModel.DataAnnotations.";

    /// <summary>The constraints of a member from the attributes of the member and of its constructor parameter.</summary>
    public static (ConstraintsModel Constraints, bool Required) Read(IEnumerable<AttributeData> attributes, SchemaModel schema)
    {
        var constraints = ConstraintsModel.None;
        var required = false;
        var isCollection = schema.Kind is SchemaKind.Array;
        foreach (var attribute in attributes)
        {
            var name = attribute.AttributeClass?.ToDisplayString();
            if (name == KnownTypeNames.ConstAttribute && attribute.ConstructorArguments.Length == 1)
            {
                constraints = constraints with { ConstJson = Literal(attribute.ConstructorArguments[0]) };
                continue;
            }

            if (name is null || !name.StartsWith(DataAnnotations, System.StringComparison.Ordinal))
            {
                continue;
            }

            var arguments = attribute.ConstructorArguments;
            switch (name.Substring(DataAnnotations.Length))
            {
                case "RequiredAttribute":
                    required = true;
                    if (schema.Kind == SchemaKind.String && RouterParser.Named<bool>(attribute, "AllowEmptyStrings") is false)
                    {
                        constraints = constraints with { MinLength = System.Math.Max(constraints.MinLength ?? 0, 1) };
                    }

                    break;
                case "RangeAttribute" when arguments.Length >= 2:
                    var minimum = NumberLiteral(arguments[arguments.Length - 2].Value);
                    var maximum = NumberLiteral(arguments[arguments.Length - 1].Value);
                    constraints = constraints with
                    {
                        Minimum = minimum,
                        Maximum = maximum,
                        ExclusiveMinimum = RouterParser.Named<bool>(attribute, "MinimumIsExclusive"),
                        ExclusiveMaximum = RouterParser.Named<bool>(attribute, "MaximumIsExclusive"),
                    };
                    break;
                case "StringLengthAttribute" when arguments.Length == 1:
                    constraints = constraints with
                    {
                        MaxLength = arguments[0].Value as int?,
                        MinLength = RouterParser.Named<int?>(attribute, "MinimumLength") is { } min and > 0 ? min : constraints.MinLength,
                    };
                    break;
                case "MinLengthAttribute" when arguments.Length == 1:
                    constraints = isCollection ? constraints with { MinItems = arguments[0].Value as int? } : constraints with { MinLength = arguments[0].Value as int? };
                    break;
                case "MaxLengthAttribute" when arguments.Length == 1:
                    constraints = isCollection ? constraints with { MaxItems = arguments[0].Value as int? } : constraints with { MaxLength = arguments[0].Value as int? };
                    break;
                case "LengthAttribute" when arguments.Length == 2:
                    constraints = isCollection
                        ? constraints with { MinItems = arguments[0].Value as int?, MaxItems = arguments[1].Value as int? }
                        : constraints with { MinLength = arguments[0].Value as int?, MaxLength = arguments[1].Value as int? };
                    break;
                case "RegularExpressionAttribute" when arguments.Length == 1 && arguments[0].Value is string pattern:
                    // RegularExpressionAttribute matches the whole value; a schema pattern matches anywhere unless anchored.
                    constraints = constraints with { Pattern = "^(?:" + pattern + ")$" };
                    break;
                case "EmailAddressAttribute":
                    constraints = constraints with { Format = "email" };
                    break;
                case "UrlAttribute":
                    constraints = constraints with { Format = "uri" };
                    break;
                case "Base64StringAttribute":
                    constraints = constraints with { Format = "byte" };
                    break;
                case "AllowedValuesAttribute" when arguments.Length == 1:
                    constraints = constraints with { AllowedJson = arguments[0].Values.Select(static v => Literal(v)).Where(static v => v is not null).Select(static v => v!).ToEquatableArray() };
                    break;
                case "DeniedValuesAttribute" when arguments.Length == 1:
                    constraints = constraints with { DeniedJson = arguments[0].Values.Select(static v => Literal(v)).Where(static v => v is not null).Select(static v => v!).ToEquatableArray() };
                    break;
            }
        }

        return (constraints, required);
    }

    /// <summary>
    /// The default of a member: its constructor parameter's default, <c>[DefaultValue]</c>, or a literal initializer.
    /// Returns the JSON literal, or the member name of an enum default (named by the policy when emitted).
    /// </summary>
    public static (string? Json, string? EnumMember) Default(ISymbol member, IParameterSymbol? parameter, ITypeSymbol type)
    {
        object? value;
        if (parameter is { HasExplicitDefaultValue: true })
        {
            value = parameter.ExplicitDefaultValue;
        }
        else if (member.GetAttributes().FirstOrDefault(static a => a.AttributeClass?.ToDisplayString() == "System.ComponentModel.DefaultValueAttribute") is { ConstructorArguments.Length: 1 } defaultValue)
        {
            value = defaultValue.ConstructorArguments[0].Value;
        }
        else if (member.GetAttributes().FirstOrDefault(static a => a.AttributeClass?.ToDisplayString() == "System.ComponentModel.DefaultValueAttribute") is { ConstructorArguments.Length: 2 } typedDefault
            && typedDefault.ConstructorArguments[1].Value is string text && JsonCollection(text) is { } json)
        {
            // [DefaultValue(typeof(List<string>), "[]")]: a collection's or object's default as JSON, which an attribute
            // cannot hold as a value (and an initializer is not in metadata).
            return (json, null);
        }
        else if (Initializer(member) is { } initializer)
        {
            switch (initializer)
            {
                case LiteralExpressionSyntax literal:
                    value = literal.Token.Value;
                    break;
                case PrefixUnaryExpressionSyntax { OperatorToken.RawKind: (int)SyntaxKind.MinusToken, Operand: LiteralExpressionSyntax negative } when negative.Token.Value is { } number:
                    value = NegatedLiteral(number);
                    break;
                case MemberAccessExpressionSyntax access when Underlying(type).TypeKind == TypeKind.Enum:
                    return (null, access.Name.Identifier.ValueText);
                default:
                    return (null, null);
            }
        }
        else
        {
            return (null, null);
        }

        var underlying = Underlying(type);
        if (underlying is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType && value is not null)
        {
            var text = System.Convert.ToString(value, CultureInfo.InvariantCulture);
            var field = enumType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && System.Convert.ToString(f.ConstantValue, CultureInfo.InvariantCulture) == text);
            return (null, field?.Name);
        }

        return (ToJson(value), null);
    }

    /// <summary>The text as compact JSON when it is a JSON array or object, else null.</summary>
    private static string? JsonCollection(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || (trimmed[0] != '[' && trimmed[0] != '{'))
        {
            return null;
        }

        try
        {
            return Json.JsonValue.Parse(trimmed).ToString();
        }
        catch (Json.JsonParseException)
        {
            return null;
        }
    }

    /// <summary>The XML <c>&lt;example&gt;</c> of a member as JSON: numbers and booleans as they are when the type is one, else a string.</summary>
    public static string? Example(ISymbol member, SchemaModel schema)
    {
        var example = DocumentationComment.For(member).Example;
        if (example is null)
        {
            return null;
        }

        var isNumber = double.TryParse(example, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        return schema.Kind switch
        {
            SchemaKind.Integer or SchemaKind.Number when isNumber => example,
            SchemaKind.Boolean when example is "true" or "false" => example,
            _ => JsonTextWriter.Quote(example),
        };
    }

    public static string? ToJson(object? value) => value switch
    {
        null => "null",
        string s => JsonTextWriter.Quote(s),
        bool b => b ? "true" : "false",
        char c => JsonTextWriter.Quote(c.ToString()),
        float f => float.IsInfinity(f) || float.IsNaN(f) ? null : f.ToString("R", CultureInfo.InvariantCulture),
        double d => double.IsInfinity(d) || double.IsNaN(d) ? null : d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        _ => System.Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static string? Literal(TypedConstant constant) => constant.Kind == TypedConstantKind.Array ? null : ToJson(constant.Value);

    private static string? NumberLiteral(object? value) => value switch
    {
        string s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? ToJson(parsed) : null,
        _ => ToJson(value),
    };

    private static object? NegatedLiteral(object number) => number switch
    {
        int i => -i,
        long l => -l,
        double d => -d,
        float f => -f,
        decimal m => -m,
        _ => null,
    };

    private static ExpressionSyntax? Initializer(ISymbol member)
        => member.DeclaringSyntaxReferences.Select(static r => r.GetSyntax()).Select(static node => node switch
        {
            PropertyDeclarationSyntax property => property.Initializer?.Value,
            VariableDeclaratorSyntax variable => variable.Initializer?.Value,
            _ => null,
        }).FirstOrDefault(static e => e is not null);

    private static ITypeSymbol Underlying(ITypeSymbol type)
        => type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;
}
