using System.Text;
using System.Text.Json;
using Galaxy.Api.Contracts.Verification;

namespace Galaxy.Api.Contracts.Tests.RoundTrip;

/// <summary>
/// The whole document, measured: a router (generated here) takes and returns every contract type, our API generator
/// describes them from Galaxy.Api.Contracts.dll, and each of Galaxy's 388 component schemas is compared with what our
/// document says for its type.
/// </summary>
public sealed class ComponentRoundTripTests
{
    /// <summary>
    /// Galaxy's component schemas are pydantic's validation schemas, what a client must send: compared with each type used
    /// as a request body. Raise the floor when the figure improves; it must not regress.
    /// </summary>
    private const int ExactAsRequestBodies = 309;

    /// <summary>The same types only returned: our document then lists every member the server always writes as required.</summary>
    private const int ExactAsResponsesOnly = 191;

    private static readonly Lazy<Measure> AsBodies = new(() => Run(asBodies: true));
    private static readonly Lazy<Measure> AsResponses = new(() => Run(asBodies: false));

    [Fact]
    public void Every_component_type_is_described_by_our_generator_without_diagnostics_as_body_and_as_response()
    {
        Assert.Empty(AsBodies.Value.Problems);
        Assert.Empty(AsResponses.Value.Problems);
        Assert.Equal(388, AsBodies.Value.Results.Count);
    }

    [Fact]
    public void Component_schemas_round_trip_as_request_bodies()
    {
        var measure = AsBodies.Value;
        var exact = measure.Results.Count(static r => r.Differences.Count == 0);

        TestContext.Current.TestOutputHelper?.WriteLine($"{exact} of {measure.Results.Count} component schemas round-trip exactly (types used as request bodies).");
        TestContext.Current.TestOutputHelper?.WriteLine(measure.Report());
        Assert.True(exact >= ExactAsRequestBodies, $"{exact} of {measure.Results.Count} exact, fewer than the recorded {ExactAsRequestBodies}.\n{measure.Report()}");
    }

    [Fact]
    public void Component_schemas_round_trip_as_responses_only()
    {
        var measure = AsResponses.Value;
        var exact = measure.Results.Count(static r => r.Differences.Count == 0);

        TestContext.Current.TestOutputHelper?.WriteLine($"{exact} of {measure.Results.Count} component schemas round-trip exactly (types only returned).");
        TestContext.Current.TestOutputHelper?.WriteLine(measure.Report());
        Assert.True(exact >= ExactAsResponsesOnly, $"{exact} of {measure.Results.Count} exact, fewer than the recorded {ExactAsResponsesOnly}.\n{measure.Report()}");
    }

    [Fact]
    public void Types_read_from_metadata_are_described_as_the_same_types_compiled_from_source()
    {
        var generated = ContractsHarness.RunContracts(ContractsHarness.GalaxyDocument.Value).Sources.Values;
        var fromSource = ContractsHarness.RunApiWithoutContracts([.. generated, Router(asBodies: true)]);
        var fromMetadata = ContractsHarness.RunApi(Router(asBodies: true));
        using var source = JsonDocument.Parse(fromSource.Document);
        using var metadata = JsonDocument.Parse(fromMetadata.Document);

        Assert.Empty(fromSource.Problems);
        var sourceSchemas = source.RootElement.GetProperty("components").GetProperty("schemas");
        var metadataSchemas = metadata.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.Equal(sourceSchemas.EnumerateObject().Select(static p => p.Name), metadataSchemas.EnumerateObject().Select(static p => p.Name));
        foreach (var schema in sourceSchemas.EnumerateObject())
        {
            Assert.True(JsonElement.DeepEquals(schema.Value, metadataSchemas.GetProperty(schema.Name)), $"{schema.Name}:\n source:   {schema.Value}\n metadata: {metadataSchemas.GetProperty(schema.Name)}");
        }
    }

    /// <summary>A router with an operation per contract type: taking and returning it, or only returning it.</summary>
    private static string Router(bool asBodies)
    {
        var source = new StringBuilder();
        source.AppendLine("using Galaxy.Api.Toolkit;");
        source.AppendLine("namespace RoundTrip;");
        source.AppendLine("[ApiRouter(\"components\", Public = true)]");
        source.AppendLine("public static class ComponentsApi");
        source.AppendLine("{");
        foreach (var (name, type) in ContractSchemas.Types)
        {
            var clr = "global::" + type.FullName;
            source.AppendLine(asBodies
                ? $"    [Post(\"/components/{name}\")] public static {clr} Echo_{name}([Microsoft.AspNetCore.Mvc.FromBody] {clr} body) => body;"
                : $"    [Get(\"/components/{name}\")] public static {clr} Show_{name}() => throw new System.NotSupportedException();");
        }

        source.AppendLine("}");
        return source.ToString();
    }

    private static Measure Run(bool asBodies)
    {
        var run = ContractsHarness.RunApi(Router(asBodies));
        using var galaxy = GalaxyOpenApi.Load();
        using var ours = JsonDocument.Parse(run.Document);
        var comparer = new ContractComparer(galaxy.RootElement, ours.RootElement);
        var results = new List<(string Name, IReadOnlyList<ContractDifference> Differences)>();
        foreach (var (name, _) in ContractSchemas.Types)
        {
            var operation = ours.RootElement.GetProperty("paths").GetProperty("/components/" + name).GetProperty(asBodies ? "post" : "get");
            var schema = asBodies
                ? operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema")
                : operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
            results.Add((name, comparer.CompareComponent(name, schema)));
        }

        return new Measure(results, run.Problems.Select(static p => p.ToString()).ToList());
    }

    private sealed record Measure(List<(string Name, IReadOnlyList<ContractDifference> Differences)> Results, List<string> Problems)
    {
        /// <summary>The differences by kind (how many schemas each keeps from being exact), then every difference.</summary>
        public string Report()
        {
            var text = new StringBuilder();
            foreach (var group in Results.SelectMany(static r => r.Differences.Select(d => (r.Name, d.Kind))).Distinct().GroupBy(static x => x.Kind).OrderByDescending(static g => g.Count()))
            {
                text.AppendLine($"  {group.Key}: in {group.Count()} schemas");
            }

            foreach (var (name, differences) in Results.Where(static r => r.Differences.Count > 0))
            {
                text.AppendLine(name + ":");
                foreach (var difference in differences)
                {
                    text.AppendLine("    " + difference);
                }
            }

            return text.ToString();
        }
    }
}
