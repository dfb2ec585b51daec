namespace Galaxy.Api.Toolkit.Generators.Tests;

public sealed class SnapshotTests
{
    [Fact]
    public void Generated_files_match_the_baselines()
    {
        var run = GeneratorHarness.Run(Fixtures.Models, Fixtures.Routers);

        Snapshot.Match("SmallApi", run.Sources);
    }

    [Fact]
    public void Generated_code_compiles_without_warnings()
    {
        var run = GeneratorHarness.Run(Fixtures.Models, Fixtures.Routers);

        Assert.Empty(run.Problems);
        Assert.Equal(6, run.Sources.Count);
    }

    [Fact]
    public void Assembly_without_routers_still_gets_a_document_and_map_method()
    {
        var run = GeneratorHarness.Run("namespace Empty; public sealed class Nothing;");

        Assert.Empty(run.Problems);
        Assert.Contains("\"paths\": {}", run.Document, StringComparison.Ordinal);
        Assert.Contains("MapGalaxyApi", run.Sources["GalaxyApi.Map.g.cs"], StringComparison.Ordinal);
    }
}

public sealed class DocumentOptionTests
{
    [Fact]
    public void Problem_details_option_describes_problem_json_errors()
    {
        var run = GeneratorHarness.Run(Fixtures.Models, Fixtures.Routers.Replace("Version = \"2.0\")", "Version = \"2.0\", ProblemDetails = true)", StringComparison.Ordinal));

        Assert.Empty(run.Problems);
        Assert.Contains("\"application/problem+json\"", run.Document, StringComparison.Ordinal);
        Assert.Contains("\"detail\"", run.Document, StringComparison.Ordinal);
        Assert.DoesNotContain("\"err_msg\"", run.Document, StringComparison.Ordinal);
        Assert.Contains("problemDetails: true", run.Sources["GalaxyApi.Document.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void Naming_policy_applies_to_properties_and_enums()
    {
        var run = GeneratorHarness.Run(Fixtures.Models, Fixtures.Routers.Replace("Version = \"2.0\")", "Version = \"2.0\", JsonNaming = ApiJsonNaming.CamelCase)", StringComparison.Ordinal));

        Assert.Empty(run.Problems);
        Assert.Contains("\"madeIn\"", run.Document, StringComparison.Ordinal);
        Assert.Contains("\"darkGreen\"", run.Document, StringComparison.Ordinal);
    }
}

public sealed class CompleteDocumentTests
{
    [Fact]
    public void Document_of_every_construct_matches_its_baseline()
    {
        var run = GeneratorHarness.Run(CompleteFixture.Source);

        Assert.Empty(run.Problems);
        Snapshot.Match("CompleteDocument", new Dictionary<string, string> { ["openapi.json"] = run.Document });
    }
}

public sealed class DeterminismTests
{
    private const string ThirdFile = """
        using Galaxy.Api.Toolkit;

        namespace Fixture.More;

        /// <summary>Extra things.</summary>
        [ApiRouter("extra", Public = true)]
        public static class ExtraApi
        {
            [Get("/api/extra/{value}")]
            public static decimal Half(decimal value, double ratio = 0.5) => value * (decimal)ratio;
        }
        """;

    [Fact]
    public void Document_is_the_same_whatever_the_order_of_the_files()
    {
        string[] files = [Fixtures.Models, Fixtures.Routers, ThirdFile];
        var documents = Permutations([0, 1, 2])
            .Select(order => GeneratorHarness.Run(order.Select(i => files[i]).ToArray()).Document)
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.Single(documents);
    }

    [Theory]
    [InlineData("tr-TR")]
    [InlineData("de-DE")]
    [InlineData("ar-SA")]
    [InlineData("fr-CA")]
    public void Document_is_the_same_whatever_the_culture(string culture)
    {
        var expected = GeneratorHarness.Run(CompleteFixture.Source, ThirdFile).Document;
        var previous = (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(culture);
            Assert.Equal(expected, GeneratorHarness.Run(CompleteFixture.Source, ThirdFile).Document);
        }
        finally
        {
            (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture) = previous;
        }
    }

    [Fact]
    public void Documents_are_valid_JSON_without_duplicate_keys()
    {
        foreach (var document in new[] { GeneratorHarness.Run(CompleteFixture.Source).Document, GeneratorHarness.Run(Fixtures.Models, Fixtures.Routers).Document })
        {
            using var parsed = System.Text.Json.JsonDocument.Parse(document, new System.Text.Json.JsonDocumentOptions { AllowDuplicateProperties = false });
            Assert.Equal("3.1.0", parsed.RootElement.GetProperty("openapi").GetString());
        }
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Length; i++)
        {
            foreach (var rest in Permutations(items.Where((_, j) => j != i).ToArray()))
            {
                yield return [items[i], .. rest];
            }
        }
    }
}
