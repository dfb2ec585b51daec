using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Galaxy.Api.Toolkit.Generators.Diagnostics;
using Galaxy.Api.Toolkit.Generators.Emitting;
using Galaxy.Api.Toolkit.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Galaxy.Api.Toolkit.Generators.Parsing;

/// <summary>
/// Finds FluentValidation validators (<c>AbstractValidator&lt;T&gt;</c>) and reads their rule chains, so that what a
/// schema can say (required, lengths, pattern, e-mail, bounds) goes into the document, and what it cannot (conditions,
/// custom predicates, non-constant arguments) is reported and marked instead of dropped.
/// </summary>
internal static class UserValidatorParser
{
    private const string AbstractValidator = "FluentValidation.AbstractValidator<T>";

    /// <summary>A character that is not white space as .NET's <c>char.IsWhiteSpace</c> sees it (what <c>NotEmpty</c> tests).</summary>
    private const string NotWhiteSpace = @"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]";

    /// <summary>
    /// A .NET pattern as the document's (JavaScript) regex dialect reads it: a final <c>$</c>, which .NET also matches
    /// before a final line feed, becomes <c>(?=\n?$)</c>.
    /// </summary>
    private static string AsJavaScript(string pattern)
        => pattern.EndsWith("$", System.StringComparison.Ordinal) && !pattern.EndsWith("\\$", System.StringComparison.Ordinal)
            ? pattern.Substring(0, pattern.Length - 1) + @"(?=\n?$)"
            : pattern;

    public static bool IsCandidate(SyntaxNode node) => node is ClassDeclarationSyntax { BaseList: not null };

    public static UserValidatorModel? Parse(GeneratorSyntaxContext context, CancellationToken cancellationToken)
        => context.SemanticModel.GetDeclaredSymbol(context.Node, cancellationToken) is INamedTypeSymbol type
            ? Parse(type, context.SemanticModel.Compilation, cancellationToken)
            : null;

    /// <summary>The type validated by a FluentValidation validator class, or null when the class is not one.</summary>
    public static INamedTypeSymbol? ValidatedType(INamedTypeSymbol type)
    {
        if (type.IsAbstract || type.IsGenericType || type.DeclaredAccessibility == Accessibility.Private)
        {
            return null;
        }

        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.OriginalDefinition.ToDisplayString() == AbstractValidator)
            {
                return current.TypeArguments[0] as INamedTypeSymbol;
            }
        }

        return null;
    }

    public static UserValidatorModel? Parse(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
    {
        if (ValidatedType(type) is not { } validated)
        {
            return null;
        }

        var diagnostics = new List<DiagnosticInfo>();
        var rules = new List<RuleModel>();
        var includes = new List<string>();
        var constructor = type.InstanceConstructors.Where(static c => c.DeclaredAccessibility == Accessibility.Public).OrderByDescending(static c => c.Parameters.Length).FirstOrDefault();
        foreach (var syntax in type.InstanceConstructors.SelectMany(static c => c.DeclaringSyntaxReferences).Select(r => r.GetSyntax(cancellationToken)))
        {
            var model = compilation.GetSemanticModel(syntax.SyntaxTree);
            // Statements, and the expression of an expression-bodied constructor.
            var expressions = syntax.DescendantNodes().OfType<ExpressionStatementSyntax>().Select(static s => s.Expression)
                .Concat(syntax.ChildNodes().OfType<ArrowExpressionClauseSyntax>().Select(static a => a.Expression));
            foreach (var expression in expressions)
            {
                if (expression is InvocationExpressionSyntax invocation)
                {
                    ReadStatement(invocation, model, type, rules, includes, diagnostics, cancellationToken);
                }
            }
        }

        return new UserValidatorModel(
            TypeRefs.From(type),
            TypeRefs.Id(validated),
            (constructor?.Parameters ?? []).Select(static p => new ServiceParameterModel(TypeRefs.From(p.Type), p.HasExplicitDefaultValue || p.NullableAnnotation == NullableAnnotation.Annotated, ParameterParser.ServiceKey(p))).ToEquatableArray(),
            rules.ToEquatableArray(),
            includes.ToEquatableArray(),
            diagnostics.ToEquatableArray());
    }

    private static void ReadStatement(InvocationExpressionSyntax last, SemanticModel model, INamedTypeSymbol validator, List<RuleModel> rules, List<string> includes, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        // A chain a.B().C().D() is nested invocations; unwind it to [RuleFor(...), B(...), C(...), D(...)].
        var calls = new List<InvocationExpressionSyntax>();
        for (ExpressionSyntax? current = last; current is InvocationExpressionSyntax invocation;)
        {
            calls.Insert(0, invocation);
            current = (invocation.Expression as MemberAccessExpressionSyntax)?.Expression;
        }

        var head = calls[0];
        var headName = Name(head);
        if (headName == "Include")
        {
            if (head.ArgumentList.Arguments.FirstOrDefault()?.Expression is ObjectCreationExpressionSyntax creation && model.GetTypeInfo(creation, cancellationToken).Type is { } included)
            {
                includes.Add(TypeRefs.From(included).Identifier);
            }

            return;
        }

        if (headName is not ("RuleFor" or "RuleForEach"))
        {
            return;
        }

        var property = Member(head);
        if (property is null)
        {
            Report(diagnostics, head, validator, headName + "(...)", "the rule's member is not a simple property access");
            return;
        }

        var constraints = ConstraintsModel.None;
        var required = false;
        var notExpressible = new List<string>();
        foreach (var call in calls.Skip(1))
        {
            var name = Name(call);
            var arguments = call.ArgumentList.Arguments.Select(a => model.GetConstantValue(a.Expression, cancellationToken)).ToList();
            var allConstant = arguments.All(static a => a.HasValue);
            string? Number(int index) => index < arguments.Count && arguments[index].HasValue ? ConstraintParser.ToJson(arguments[index].Value) : null;
            int? Int(int index) => index < arguments.Count && arguments[index].HasValue && arguments[index].Value is int i ? i : null;
            switch (name)
            {
                case "NotNull":
                    required = true;
                    break;
                case "NotEmpty":
                    // Not null, not empty, not only white space (the pattern applies to strings only).
                    required = true;
                    constraints = constraints with { MinLength = 1, MinItems = 1, Pattern = constraints.Pattern ?? NotWhiteSpace };
                    break;
                case "Length" when allConstant && arguments.Count == 2:
                    constraints = constraints with { MinLength = Int(0), MaxLength = Int(1) };
                    break;
                case "Length" when allConstant && arguments.Count == 1:
                    constraints = constraints with { MinLength = Int(0), MaxLength = Int(0) };
                    break;
                case "MinimumLength" when allConstant:
                    constraints = constraints with { MinLength = Int(0) };
                    break;
                case "MaximumLength" when allConstant:
                    constraints = constraints with { MaxLength = Int(0) };
                    break;
                case "Matches" when allConstant && arguments.Count == 1 && arguments[0].Value is string pattern:
                    constraints = constraints with { Pattern = AsJavaScript(pattern) };
                    break;
                case "EmailAddress" when arguments.Count == 0:
                    constraints = constraints with { Format = "email" };
                    break;
                case "GreaterThan" when allConstant && arguments.Count == 1:
                    constraints = constraints with { Minimum = Number(0), ExclusiveMinimum = true };
                    break;
                case "GreaterThanOrEqualTo" when allConstant && arguments.Count == 1:
                    constraints = constraints with { Minimum = Number(0), ExclusiveMinimum = false };
                    break;
                case "LessThan" when allConstant && arguments.Count == 1:
                    constraints = constraints with { Maximum = Number(0), ExclusiveMaximum = true };
                    break;
                case "LessThanOrEqualTo" when allConstant && arguments.Count == 1:
                    constraints = constraints with { Maximum = Number(0), ExclusiveMaximum = false };
                    break;
                case "InclusiveBetween" when allConstant && arguments.Count == 2:
                    constraints = constraints with { Minimum = Number(0), Maximum = Number(1), ExclusiveMinimum = false, ExclusiveMaximum = false };
                    break;
                case "ExclusiveBetween" when allConstant && arguments.Count == 2:
                    constraints = constraints with { Minimum = Number(0), Maximum = Number(1), ExclusiveMinimum = true, ExclusiveMaximum = true };
                    break;
                case "SetValidator" when call.ArgumentList.Arguments.FirstOrDefault()?.Expression is ObjectCreationExpressionSyntax:
                    // The nested validator is found on its own and documents the nested type.
                    break;
                case "WithMessage" or "WithErrorCode" or "WithName" or "OverridePropertyName" or "WithSeverity" or "WithState" or "Cascade":
                    break;
                default:
                    var text = Describe(name, call);
                    notExpressible.Add(text);
                    Report(diagnostics, call, validator, text, allConstant ? "a schema cannot state it" : "its arguments are not constants");
                    break;
            }
        }

        rules.Add(new RuleModel(property, headName == "RuleForEach", required, constraints, notExpressible.ToEquatableArray()));
    }

    /// <summary>A rule as written, on one line and short enough for a message.</summary>
    private static string Describe(string? name, InvocationExpressionSyntax call)
    {
        var arguments = string.Join(", ", call.ArgumentList.Arguments.Select(static a => a.ToString()));
        arguments = System.Text.RegularExpressions.Regex.Replace(arguments, @"\s+", " ");
        return name + "(" + (arguments.Length > 40 ? arguments.Substring(0, 37) + "..." : arguments) + ")";
    }

    private static void Report(List<DiagnosticInfo> diagnostics, SyntaxNode node, INamedTypeSymbol validator, string rule, string reason)
        => diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RuleNotInSchema, node.GetLocation(), validator.Name, rule, reason));

    private static string? Name(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        _ => null,
    };

    /// <summary>The member of <c>RuleFor(x =&gt; x.Member)</c>.</summary>
    private static string? Member(InvocationExpressionSyntax ruleFor)
    {
        var body = (ruleFor.ArgumentList.Arguments.FirstOrDefault()?.Expression as SimpleLambdaExpressionSyntax)?.Body;
        if (body is PostfixUnaryExpressionSyntax { Operand: var operand })
        {
            body = operand; // x => x.Member!
        }

        return body is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax, Name: var name } ? name.Identifier.ValueText : null;
    }

    /// <summary>Adds what user validators' rules say about a component's properties to its schema.</summary>
    public static ComponentModel Overlay(ComponentModel component, IReadOnlyList<UserValidatorModel> validators)
    {
        var rules = AllRules(component.Id, validators).ToList();
        if (rules.Count == 0)
        {
            return component;
        }

        var properties = component.Properties.Select(property =>
        {
            foreach (var rule in rules.Where(r => r.Property == property.ClrName))
            {
                if (rule.ForEach)
                {
                    property = property with { ItemConstraints = Merge(property.ItemConstraints, rule.Constraints), NotExpressible = Concat(property.NotExpressible, rule.NotExpressible) };
                    continue;
                }

                property = property with
                {
                    IsRequired = property.IsRequired || rule.Required,
                    Schema = rule.Required ? property.Schema with { Nullable = false } : property.Schema,
                    Constraints = Merge(property.Constraints, property.Schema.Kind == SchemaKind.Array
                        ? rule.Constraints with { MinLength = null, MaxLength = null }
                        : rule.Constraints with { MinItems = null, MaxItems = null }),
                    NotExpressible = Concat(property.NotExpressible, rule.NotExpressible),
                };
            }

            return property;
        }).ToEquatableArray();
        return component with { Properties = properties };
    }

    /// <summary>The rules that apply to a component: its validators' own and those they include.</summary>
    private static IEnumerable<RuleModel> AllRules(string componentId, IReadOnlyList<UserValidatorModel> validators)
    {
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        var pending = new Stack<UserValidatorModel>(validators.Where(v => v.ValidatedId == componentId));
        while (pending.Count > 0)
        {
            var validator = pending.Pop();
            if (!seen.Add(validator.Validator.Identifier))
            {
                continue;
            }

            foreach (var rule in validator.Rules)
            {
                yield return rule;
            }

            foreach (var include in validator.Includes)
            {
                if (validators.FirstOrDefault(v => v.Validator.Identifier == include) is { } included)
                {
                    pending.Push(included);
                }
            }
        }
    }

    private static ConstraintsModel? Merge(ConstraintsModel? existing, ConstraintsModel added)
    {
        if (added.IsEmpty)
        {
            return existing;
        }

        var current = existing ?? ConstraintsModel.None;
        var merged = current with
        {
            MinLength = Max(current.MinLength, added.MinLength),
            MaxLength = Min(current.MaxLength, added.MaxLength),
            MinItems = Max(current.MinItems, added.MinItems),
            MaxItems = Min(current.MaxItems, added.MaxItems),
            Minimum = added.Minimum ?? current.Minimum,
            ExclusiveMinimum = added.Minimum is not null ? added.ExclusiveMinimum : current.ExclusiveMinimum,
            Maximum = added.Maximum ?? current.Maximum,
            ExclusiveMaximum = added.Maximum is not null ? added.ExclusiveMaximum : current.ExclusiveMaximum,
            Pattern = added.Pattern ?? current.Pattern,
            Format = added.Format ?? current.Format,
        };
        return merged.IsEmpty ? null : merged;
    }

    private static int? Max(int? a, int? b) => a is null ? b : b is null ? a : System.Math.Max(a.Value, b.Value);

    private static int? Min(int? a, int? b) => a is null ? b : b is null ? a : System.Math.Min(a.Value, b.Value);

    private static EquatableArray<string> Concat(EquatableArray<string> a, EquatableArray<string> b) => b.Count == 0 ? a : a.Concat(b).ToEquatableArray();
}
