namespace Galaxy.Api.Toolkit.Benchmarks;

/// <summary>The command-line defaults every benchmark project runs with.</summary>
internal static class BenchmarkArguments
{
    private static readonly string[] Chosen = ["--job", "-j", "--warmupCount", "--iterationCount"];

    /// <summary>
    /// Long enough for steady state under tiered JIT (ASP.NET code keeps improving for dozens of iterations): 15 warm-up
    /// and 20 measured iterations, unless the command line chooses a job or counts itself (<c>--job short</c>,
    /// <c>--warmupCount</c>...). Attributes on the classes would override a job given on the command line.
    /// </summary>
    public static string[] WithDefaults(string[] args)
        => args.Any(static a => Chosen.Any(c => a == c || a.StartsWith(c + "=", StringComparison.Ordinal)))
            ? args
            : ["--warmupCount", "15", "--iterationCount", "20", .. args];
}
