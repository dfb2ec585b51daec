using System.Collections.Immutable;
using System.Reflection;
using Galaxy.Api.Toolkit.Generators;
using Galaxy.Api.Toolkit.Generators.Contracts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Galaxy.Api.Contracts.Tests;

/// <summary>
/// Runs the generators through Roslyn's driver: the contracts generator on a document given as an AdditionalFile (as the
/// build targets pass it), and the API generator on routers that use the contract types from the built
/// Galaxy.Api.Contracts.dll, as a host does.
/// </summary>
internal static class ContractsHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Parse);

    public static readonly string ProjectDirectory = Snapshot.ProjectDirectory;

    /// <summary>Galaxy's document as the repository's test data keeps it.</summary>
    public static readonly string GalaxyDocumentPath = Path.GetFullPath(Path.Combine(ProjectDirectory, "../data/galaxy-openapi.json"));

    public static readonly Lazy<string> GalaxyDocument = new(() => File.ReadAllText(GalaxyDocumentPath));

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    /// <summary>The framework, the toolkit, FluentValidation and Galaxy.Api.Contracts.dll, as metadata.</summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>A compilation that references Galaxy.Api.Contracts.dll, as a host's does.</summary>
    public static CSharpCompilation Compilation(params string[] sources) => Compilation(References, sources);

    /// <summary>A compilation without Galaxy.Api.Contracts.dll, for the contracts generator to generate the types into.</summary>
    public static CSharpCompilation CompilationWithoutContracts(params string[] sources)
        => Compilation(References.Where(static r => !string.Equals(Path.GetFileName(r.Display), "Galaxy.Api.Contracts.dll", StringComparison.Ordinal)), sources);

    private static CSharpCompilation Compilation(IEnumerable<MetadataReference> references, string[] sources)
        => CSharpCompilation.Create(
            "Fixture",
            sources.Select((source, index) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{index}.cs")),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>A driver of the contracts generator that sees <paramref name="document"/> with the role <c>Contracts</c>.</summary>
    public static GeneratorDriver ContractsDriver(string? document, string path = "galaxy-openapi.json", string? @namespace = null, string role = "Contracts")
        => ContractsDriver(document is null ? [] : [Text(document, path)], @namespace, role);

    /// <summary>An additional file as the build passes it.</summary>
    public static AdditionalText Text(string document, string path = "galaxy-openapi.json") => new InMemoryText(path, document);

    /// <summary>A driver of the contracts generator that sees <paramref name="texts"/>, each with the role <paramref name="role"/>.</summary>
    public static GeneratorDriver ContractsDriver(AdditionalText[] texts, string? @namespace = null, string role = "Contracts")
    {
        return CSharpGeneratorDriver.Create(
            [new ContractsGenerator().AsSourceGenerator()],
            texts,
            ParseOptions,
            new Options(role, @namespace),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>Runs the contracts generator and returns the run with the compilation that includes its output.</summary>
    public static GeneratorRun RunContracts(string? document, string? @namespace = null, string path = "galaxy-openapi.json")
    {
        var compilation = CompilationWithoutContracts("namespace Host; public static class Marker;");
        var driver = ContractsDriver(document, path, @namespace).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(driver.GetRunResult(), output, diagnostics);
    }

    /// <summary>Runs the API generator on routers that use Galaxy.Api.Contracts.dll.</summary>
    public static GeneratorRun RunApi(params string[] sources)
    {
        var driver = CSharpGeneratorDriver.Create([new ApiGenerator().AsSourceGenerator()], parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(Compilation(sources), out var output, out var diagnostics);
        return new GeneratorRun(driver.GetRunResult(), output, diagnostics);
    }

    /// <summary>Runs the API generator on sources that declare the contract types themselves (no Galaxy.Api.Contracts.dll).</summary>
    public static GeneratorRun RunApiWithoutContracts(params string[] sources)
    {
        var driver = CSharpGeneratorDriver.Create([new ApiGenerator().AsSourceGenerator()], parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(CompilationWithoutContracts(sources), out var output, out var diagnostics);
        return new GeneratorRun(driver.GetRunResult(), output, diagnostics);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return platform
            .Where(static path => Path.GetFileName(path) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
            .Where(static path => !path.Contains("CodeAnalysis", StringComparison.Ordinal) && !path.Contains("xunit", StringComparison.OrdinalIgnoreCase))
            .Append(typeof(Galaxy.Api.Toolkit.ApiRouterAttribute).Assembly.Location)
            .Append(typeof(FluentValidation.AbstractValidator<>).Assembly.Location)
            .Append(typeof(ContractSchemas).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(static path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    /// <summary>Item metadata <c>GalaxyApiRole</c> for every additional file, and the namespace property, as the targets set them.</summary>
    private sealed class Options(string role, string? @namespace) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(@namespace is null ? [] : new() { ["build_property.GalaxyApiContractsNamespace"] = @namespace });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Values.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Values(new() { ["build_metadata.AdditionalFiles.GalaxyApiRole"] = role });

        private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Values Empty = new([]);

            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}

/// <summary>The outcome of one generator run.</summary>
internal sealed record GeneratorRun(GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public GeneratorRunResult Generator => Result.Results.Single();

    /// <summary>The generated files by hint name.</summary>
    public IReadOnlyDictionary<string, string> Sources
        => Generator.GeneratedSources.ToDictionary(static s => s.HintName, static s => s.SourceText.ToString(), StringComparer.Ordinal);

    /// <summary>The generator's diagnostics and the compiler's on the output, at warning level or above.</summary>
    public IReadOnlyList<Diagnostic> Problems
        => GeneratorDiagnostics.Concat(Output.GetDiagnostics()).Where(static d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    /// <summary>The OpenAPI document the API generator embedded.</summary>
    public string Document
    {
        get
        {
            var source = Sources["GalaxyApi.Document.g.cs"];
            const string opening = "Utf8 => \"\"\"\"\n";
            var start = source.IndexOf(opening, StringComparison.Ordinal) + opening.Length;
            var end = source.LastIndexOf("\n\"\"\"\"u8;", StringComparison.Ordinal);
            return source[start..end];
        }
    }
}
