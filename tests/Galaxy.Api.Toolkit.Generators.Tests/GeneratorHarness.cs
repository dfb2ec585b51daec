using System.Collections.Immutable;
using Galaxy.Api.Toolkit.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Galaxy.Api.Toolkit.Generators.Tests;

/// <summary>Runs the generator through Roslyn's driver, as the compiler does.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Parse);

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    public static CSharpCompilation Compilation(params string[] sources)
        => Compilation(sources.Select((source, index) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{index}.cs")));

    public static CSharpCompilation Compilation(IEnumerable<SyntaxTree> trees)
        => CSharpCompilation.Create(
            "Fixture",
            trees,
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(bool trackSteps = true)
        => CSharpGeneratorDriver.Create(
            [new ApiGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>A driver that also sees additional files, each with its <c>GalaxyApiRole</c> (as the build targets set it).</summary>
    public static GeneratorDriver Driver(params (string Path, string Text, string Role)[] files)
    {
        var texts = files.Select(static f => new InMemoryText(f.Path, f.Text, f.Role)).ToArray();
        return CSharpGeneratorDriver.Create(
            [new ApiGenerator().AsSourceGenerator()],
            texts,
            ParseOptions,
            new RoleOptions(),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>
    /// A driver of every generator the package ships (the API generator and the contracts generator), seeing additional files
    /// with their roles, so that every step of <see cref="TrackingNames"/> runs.
    /// </summary>
    public static GeneratorDriver DriverOfAllGenerators(params (string Path, string Text, string Role)[] files)
        => DriverOfAllGenerators(new Dictionary<string, string>(), files);

    /// <summary>
    /// As <see cref="DriverOfAllGenerators(ValueTuple{string, string, string}[])"/>, with MSBuild properties the build makes
    /// visible to the compiler (<c>build_property.X</c>), e.g. <c>PublishAot</c>.
    /// </summary>
    public static GeneratorDriver DriverOfAllGenerators(IReadOnlyDictionary<string, string> buildProperties, params (string Path, string Text, string Role)[] files)
        => CSharpGeneratorDriver.Create(
            [new ApiGenerator().AsSourceGenerator(), new Contracts.ContractsGenerator().AsSourceGenerator()],
            files.Select(static f => (Microsoft.CodeAnalysis.AdditionalText)new InMemoryText(f.Path, f.Text, f.Role)),
            ParseOptions,
            new RoleOptions(buildProperties),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the API generator with MSBuild properties (<c>build_property.X</c>) and returns its result.</summary>
    public static GeneratorRun Run(IReadOnlyDictionary<string, string> buildProperties, params string[] sources)
    {
        var driver = CSharpGeneratorDriver.Create(
                [new ApiGenerator().AsSourceGenerator()],
                [],
                ParseOptions,
                new RoleOptions(buildProperties),
                new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true))
            .RunGeneratorsAndUpdateCompilation(Compilation(sources), out var output, out var generatorDiagnostics);
        return new GeneratorRun(driver, driver.GetRunResult(), output, generatorDiagnostics);
    }

    /// <summary>Runs the generator with additional files; see <see cref="Driver(ValueTuple{string, string, string}[])"/>.</summary>
    public static GeneratorRun Run(CSharpCompilation compilation, params (string Path, string Text, string Role)[] files)
    {
        var driver = Driver(files).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return new GeneratorRun(driver, driver.GetRunResult(), output, generatorDiagnostics);
    }

    /// <summary>Runs the generator and returns its result and the compilation with the generated sources.</summary>
    public static GeneratorRun Run(params string[] sources) => Run(Compilation(sources));

    public static GeneratorRun Run(CSharpCompilation compilation)
    {
        var driver = Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return new GeneratorRun(driver, driver.GetRunResult(), output, generatorDiagnostics);
    }

    private sealed class InMemoryText(string path, string text, string role) : Microsoft.CodeAnalysis.AdditionalText
    {
        public string Role => role;

        public override string Path => path;

        public override Microsoft.CodeAnalysis.Text.SourceText GetText(CancellationToken cancellationToken = default) => Microsoft.CodeAnalysis.Text.SourceText.From(text);
    }

    private sealed class RoleOptions(IReadOnlyDictionary<string, string>? buildProperties = null) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider
    {
        private readonly Options _global = new((buildProperties ?? new Dictionary<string, string>()).ToDictionary(static p => "build_property." + p.Key, static p => p.Value));

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GlobalOptions => _global;

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(Microsoft.CodeAnalysis.AdditionalText textFile)
            => textFile is InMemoryText { Role: { Length: > 0 } role } ? new Options(new() { ["build_metadata.AdditionalFiles.GalaxyApiRole"] = role }) : Options.Empty;

        private sealed class Options(Dictionary<string, string> values) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
        {
            public static readonly Options Empty = new([]);

            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var toolkit = typeof(ApiRouterAttribute).Assembly.Location;
        var fluentValidation = typeof(FluentValidation.AbstractValidator<>).Assembly.Location;
        return platform
            .Where(static path => Path.GetFileName(path) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
            .Where(static path => !path.Contains("CodeAnalysis", StringComparison.Ordinal) && !path.Contains("xunit", StringComparison.OrdinalIgnoreCase))
            .Append(toolkit)
            .Append(fluentValidation)
            .Distinct(StringComparer.Ordinal)
            .Select(static path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}

/// <summary>The outcome of one generator run.</summary>
internal sealed record GeneratorRun(GeneratorDriver Driver, GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public GeneratorRunResult Generator => Result.Results.Single();

    /// <summary>The generated files by hint name.</summary>
    public IReadOnlyDictionary<string, string> Sources
        => Generator.GeneratedSources.ToDictionary(static s => s.HintName, static s => s.SourceText.ToString(), StringComparer.Ordinal);

    /// <summary>Compiler diagnostics of the output at warning level or above, and the generator's own.</summary>
    public IReadOnlyList<Diagnostic> Problems
        => GeneratorDiagnostics.Concat(Output.GetDiagnostics()).Where(static d => d.Severity >= DiagnosticSeverity.Warning).ToList();

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
