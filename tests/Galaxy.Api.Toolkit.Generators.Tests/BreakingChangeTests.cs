using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Galaxy.Api.Toolkit.Generators.Tests;

/// <summary>The breaking-change gate: the document of changed code against the document of <see cref="Fixtures"/> as baseline.</summary>
public sealed class BreakingChangeTests
{
    private static readonly Lazy<string> Baseline = new(() => GeneratorHarness.Run(Fixtures.Models, Fixtures.Routers).Document);

    public static TheoryData<string, string, string, string, string> Breaks => new()
    {
        { "GAT0101", "operation removed", "Routers", "[Delete(\"/api/widgets/{widget_id:long}\", OperationId = \"remove_widget\")]", "" },
        { "GAT0101", "whole route removed", "Routers", "[Get(\"/api/version\")]", "" },
        { "GAT0102", "response field removed", "Models", "public Place? MadeIn { get; init; }", "" },
        { "GAT0103", "query parameter made required", "Routers", "bool? verbose", "bool verbose" },
        { "GAT0103", "new required query parameter", "Routers", "string widget_id, bool? verbose", "string widget_id, string region, bool? verbose" },
        { "GAT0103", "body member made required", "Models", "Color Color = Color.Red,", "Color Color," },
        { "GAT0104", "query type narrowed", "Routers", "bool? verbose", "int? verbose" },
        { "GAT0104", "body member no longer nullable", "Models", "[property: JsonPropertyName(\"labels\")] List<string>? Tags = null", "[property: JsonPropertyName(\"labels\")] List<string> Tags = null!" },
        { "GAT0105", "enum value removed", "Models", "    [JsonStringEnumMemberName(\"blue!\")]\n    Blue,\n", "" },
        { "GAT0106", "constraint tightened", "Models", "public sealed record CreateWidget(string Name,", "public sealed record CreateWidget([property: System.ComponentModel.DataAnnotations.MaxLength(10)] string Name," },
    };

    [Theory]
    [MemberData(nameof(Breaks))]
    public void Each_breaking_change_is_one_clear_error(string id, string change, string file, string find, string replace)
    {
        var (models, routers) = (Fixtures.Models, Fixtures.Routers);
        if (file == "Models")
        {
            Assert.Contains(find, models, StringComparison.Ordinal);
            models = models.Replace(find, replace, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains(find, routers, StringComparison.Ordinal);
            routers = routers.Replace(find, replace, StringComparison.Ordinal);
        }

        var diagnostics = Run(Baseline.Value, models, routers);

        var breaking = diagnostics.Where(static d => d.Id.StartsWith("GAT01", StringComparison.Ordinal)).ToList();
        var diagnostic = Assert.Single(breaking);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("Breaking change", message, StringComparison.Ordinal);
        Assert.Contains("/paths/", message, StringComparison.Ordinal);
        Assert.Contains("GalaxyApiBaselineDocument", message, StringComparison.Ordinal);
        _ = change;
    }

    public static TheoryData<string, string, string> Additions => new()
    {
        { "new operation", "[Get(\"/api/version\")]", "[Get(\"/api/version\")]\n    public static string Other() => \"2\";\n\n    [Get(\"/api/other\")]" },
        { "new optional query parameter", "int limit = 10,", "int limit = 10, string? region = null," },
        { "limit loosened", "bool? verbose", "string? verbose" },
        { "same code", "", "" },
    };

    [Theory]
    [MemberData(nameof(Additions))]
    public void Additive_changes_pass(string change, string find, string replace)
    {
        var routers = find.Length == 0 ? Fixtures.Routers : Fixtures.Routers.Replace(find, replace, StringComparison.Ordinal);

        var diagnostics = Run(Baseline.Value, Fixtures.Models, routers);

        Assert.DoesNotContain(diagnostics, static d => d.Id.StartsWith("GAT01", StringComparison.Ordinal));
        Assert.Empty(diagnostics.Where(static d => d.Severity >= DiagnosticSeverity.Warning));
        _ = change;
    }

    [Fact]
    public void New_response_field_passes()
    {
        var models = Fixtures.Models.Replace("public Place? MadeIn { get; init; }", "public Place? MadeIn { get; init; }\n\n    public int Weight { get; init; }", StringComparison.Ordinal);

        Assert.DoesNotContain(Run(Baseline.Value, models, Fixtures.Routers), static d => d.Id.StartsWith("GAT01", StringComparison.Ordinal));
    }

    [Fact]
    public void Unreadable_baseline_is_GAT0100()
    {
        var diagnostic = Assert.Single(Run("{ not json", Fixtures.Models, Fixtures.Routers), static d => d.Id.StartsWith("GAT01", StringComparison.Ordinal));

        Assert.Equal("GAT0100", diagnostic.Id);
        Assert.Contains("line 1", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_baseline_nothing_is_compared()
        => Assert.DoesNotContain(GeneratorHarness.Run(Fixtures.Models, Fixtures.Routers.Replace("[Get(\"/api/version\")]", string.Empty, StringComparison.Ordinal)).GeneratorDiagnostics,
            static d => d.Id.StartsWith("GAT01", StringComparison.Ordinal));

    private static ImmutableArray<Diagnostic> Run(string baseline, params string[] sources)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(sources), ("/baseline/openapi.json", baseline, "Baseline"));
        return run.GeneratorDiagnostics.AddRange(run.Output.GetDiagnostics(TestContext.Current.CancellationToken).Where(static d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
