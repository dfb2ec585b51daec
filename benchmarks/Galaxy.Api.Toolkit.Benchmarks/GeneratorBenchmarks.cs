using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Galaxy.Api.Toolkit.Benchmarks;

/// <summary>
/// The source generator over a synthetic project of 500 operations (100 routers of five, each with its own body and
/// answer types), driven by Roslyn's generator driver as the compiler drives it. Baseline: the compiler binding the same
/// project without the generator (<c>GetDiagnostics</c>), so the ratios say what the generator adds to a build.
/// <list type="bullet">
/// <item><c>GeneratorColdRun</c>: a new driver on a new compilation (a clean build).</item>
/// <item><c>GeneratorAfterUnrelatedEdit</c>: a driver that has run once, on the compilation with one unrelated file
/// edited (a keystroke in the IDE): every step is cached, checked in setup.</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private const int Routers = 100;
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Parse);
    private ImmutableArray<SyntaxTree> _trees;
    private ImmutableArray<MetadataReference> _references;
    private ISourceGenerator _generator = null!;
    private GeneratorDriver _warmDriver = null!;
    private GeneratorDriver _warmAotDriver = null!;
    private CSharpCompilation _aotCompilation = null!;
    private CSharpCompilation _compilation = null!;
    private SyntaxTree _unrelated = null!;
    private SyntaxTree _unrelatedEdited = null!;

    [GlobalSetup]
    public void Setup()
    {
        _generator = LoadGenerator();
        _references = References();
        _unrelated = CSharpSyntaxTree.ParseText("namespace Synthetic; public static class Helpers { public static int Twice(int x) => x * 2; }", ParseOptions, "Helpers.cs");
        _unrelatedEdited = CSharpSyntaxTree.ParseText("namespace Synthetic; public static class Helpers { public static int Twice(int x) => x + x; }", ParseOptions, "Helpers.cs");
        _trees = [.. Enumerable.Range(0, Routers).Select(static i => CSharpSyntaxTree.ParseText(Router(i), ParseOptions, $"Router{i}.cs")), _unrelated];
        _compilation = NewCompilation();

        var run = NewDriver(trackSteps: true).RunGeneratorsAndUpdateCompilation(_compilation, out var output, out var diagnostics);
        var errors = diagnostics.Concat(output.GetDiagnostics()).Where(static d => d.Severity == DiagnosticSeverity.Error).ToList();
        var operations = run.GetRunResult().Results.Single().GeneratedSources.Single(static s => s.HintName == "GalaxyApi.Document.g.cs").SourceText.ToString();
        var operationIds = System.Text.RegularExpressions.Regex.Matches(operations, "\"operationId\": *\"([^\"]+)\"").Select(static m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).Count();
        if (errors.Count > 0 || operationIds != Routers * 5)
        {
            throw new InvalidOperationException(
                $"The synthetic project does not generate {Routers * 5} operations cleanly ({operationIds} found): {string.Join("; ", errors.Take(5))}");
        }

        _warmDriver = NewDriver(trackSteps: false).RunGenerators(_compilation);

        // The same project built for Native AOT: a JsonSerializerContext lists every body and answer, and GAT0020 walks it.
        _aotCompilation = _compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(JsonContext(), ParseOptions, "SyntheticJson.cs"));
        var aotRun = NewDriver(trackSteps: false, NativeAot).RunGeneratorsAndUpdateCompilation(_aotCompilation, out var aotOutput, out var aotDiagnostics);
        var aotProblems = aotDiagnostics.Concat(aotOutput.GetDiagnostics()).Where(static d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (aotProblems.Count > 0)
        {
            throw new InvalidOperationException($"The Native AOT build of the synthetic project reports: {string.Join("; ", aotProblems.Take(5))}");
        }

        _warmAotDriver = aotRun;
        var withoutContext = NewDriver(trackSteps: false, NativeAot).RunGeneratorsAndUpdateCompilation(_compilation, out _, out var missing);
        if (missing.Count(static d => d.Id == "GAT0020") != Routers * 3)
        {
            throw new InvalidOperationException($"Without a context, GAT0020 should name {Routers * 3} types; it named {missing.Count(static d => d.Id == "GAT0020")}.");
        }
        var edited = run.RunGenerators(_compilation.ReplaceSyntaxTree(_unrelated, _unrelatedEdited)).GetRunResult().Results.Single();
        var uncached = edited.TrackedOutputSteps.SelectMany(static s => s.Value).SelectMany(static s => s.Outputs)
            .Count(static o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        if (uncached > 0)
        {
            throw new InvalidOperationException($"{uncached} generator outputs were recomputed after an unrelated edit.");
        }
    }

    [Benchmark(Baseline = true)]
    public int CompilerBindingOnly() => NewCompilation().GetDiagnostics().Length;

    [Benchmark]
    public int GeneratorColdRun() => NewDriver().RunGenerators(NewCompilation()).GetRunResult().GeneratedTrees.Length;

    [Benchmark]
    public int GeneratorAfterUnrelatedEdit()
        => _warmDriver.RunGenerators(_compilation.ReplaceSyntaxTree(_unrelated, _unrelatedEdited)).GetRunResult().GeneratedTrees.Length;

    /// <summary>The edit run of a Native AOT build: GAT0020 walks the context's types again on each edit.</summary>
    [Benchmark]
    public int GeneratorAfterUnrelatedEditNativeAot()
        => _warmAotDriver.RunGenerators(_aotCompilation.ReplaceSyntaxTree(_unrelated, _unrelatedEdited)).GetRunResult().GeneratedTrees.Length;

    private CSharpCompilation NewCompilation()
        => CSharpCompilation.Create("Synthetic", _trees, _references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>A driver as the compiler creates it (no step tracking); setup tracks steps to check the caching.</summary>
    private GeneratorDriver NewDriver(bool trackSteps = false, AnalyzerConfigOptionsProvider? options = null)
        => CSharpGeneratorDriver.Create([_generator], [], ParseOptions, options, new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>What the build hands the generator when <c>PublishAot</c> is on.</summary>
    private static readonly AnalyzerConfigOptionsProvider NativeAot = new BuildProperties(new Dictionary<string, string> { ["build_property.PublishAot"] = "true" });

    /// <summary>A JsonSerializerContext of every router's bodies and answers (abstract: System.Text.Json's generator does not run here).</summary>
    private static string JsonContext()
        => "using System.Collections.Generic;\nusing System.Text.Json.Serialization;\nnamespace Synthetic;\n"
           + string.Concat(Enumerable.Range(0, Routers).Select(static i => $"[JsonSerializable(typeof(List<Item{i}>))][JsonSerializable(typeof(ItemInput{i}))]\n"))
           + "internal abstract partial class SyntheticJson() : JsonSerializerContext(null);\n";

    private sealed class BuildProperties(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global = new(values);

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new([]);

            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }

    /// <summary>The generator as the build loads it: its assembly (path in this assembly's metadata), not a project reference.</summary>
    private static ISourceGenerator LoadGenerator()
    {
        var path = typeof(GeneratorBenchmarks).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(static a => a.Key == "GeneratorAssembly").Value!;
        var type = Assembly.LoadFrom(path).GetType("Galaxy.Api.Toolkit.Generators.ApiGenerator", throwOnError: true)!;
        return ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator();
    }

    private static ImmutableArray<MetadataReference> References()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return
        [
            .. platform
                .Where(static path => Path.GetFileName(path) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
                    || name.StartsWith("Microsoft.Extensions", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
                .Select(static path => (MetadataReference)MetadataReference.CreateFromFile(path)),
            MetadataReference.CreateFromFile(typeof(ApiRouterAttribute).Assembly.Location),
        ];
    }

    /// <summary>A router of five operations with its own body and answer types.</summary>
    private static string Router(int i)
    {
        var source = new StringBuilder();
        source.Append($$"""
            using System.Collections.Generic;
            using System.ComponentModel.DataAnnotations;
            using Galaxy.Api.Toolkit;

            namespace Synthetic;

            /// <summary>An item of kind {{i}}.</summary>
            public sealed class Item{{i}}
            {
                /// <summary>Its id.</summary>
                public required string Id { get; init; }

                /// <summary>Its name.</summary>
                public required string Name { get; init; }

                /// <summary>Its size.</summary>
                public long Size { get; init; }

                /// <summary>Its tags.</summary>
                public List<string> Tags { get; init; } = [];
            }

            /// <summary>New values of an item of kind {{i}}.</summary>
            public sealed class ItemInput{{i}}
            {
                /// <summary>Its name.</summary>
                [Required, StringLength(120, MinimumLength = 1)]
                public string? Name { get; init; }

                /// <summary>Its size.</summary>
                [Range(0, 1000000)]
                public int Size { get; init; }

                /// <summary>Its tags.</summary>
                [MaxLength(16)]
                public List<string> Tags { get; init; } = [];
            }

            /// <summary>Items of kind {{i}}.</summary>
            [ApiRouter("items{{i}}", Description = "Items of kind {{i}}.", Public = true)]
            public static class Items{{i}}Api
            {
                /// <summary>Lists items.</summary>
                /// <param name="limit">At most this many.</param>
                [Get("/api/items{{i}}")]
                public static List<Item{{i}}> Index([Range(1, 500)] int? limit = null) => [];

                /// <summary>Shows an item.</summary>
                /// <param name="id">Its id.</param>
                [Get("/api/items{{i}}/{id}")]
                public static Item{{i}} Show(string id) => new() { Id = id, Name = "x" };

                /// <summary>Creates an item.</summary>
                /// <param name="body">The new item.</param>
                [Post("/api/items{{i}}")]
                public static Item{{i}} Create(ItemInput{{i}} body) => new() { Id = "new", Name = body.Name! };

                /// <summary>Updates an item.</summary>
                /// <param name="id">Its id.</param>
                /// <param name="body">The new values.</param>
                [Put("/api/items{{i}}/{id}")]
                public static Item{{i}} Update(string id, ItemInput{{i}} body) => new() { Id = id, Name = body.Name! };

                /// <summary>Deletes an item.</summary>
                /// <param name="id">Its id.</param>
                [Delete("/api/items{{i}}/{id}", StatusCode = 204)]
                public static void Delete(string id) { }
            }
            """);
        return source.ToString();
    }
}
