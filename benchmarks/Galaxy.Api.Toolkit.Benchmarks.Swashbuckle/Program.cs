using BenchmarkDotNet.Running;

// Long enough for steady state under tiered JIT (ASP.NET code keeps improving for dozens of iterations), unless the
// command line chooses a job or counts itself (--job short, --warmupCount...).
string[] chosen = ["--job", "-j", "--warmupCount", "--iterationCount"];
if (!args.Any(a => chosen.Any(c => a == c || a.StartsWith(c + "=", StringComparison.Ordinal))))
{
    args = ["--warmupCount", "15", "--iterationCount", "20", .. args];
}

BenchmarkSwitcher.FromAssembly(typeof(Galaxy.Api.Toolkit.Benchmarks.Swashbuckle.SwashbuckleDocumentBenchmarks).Assembly).Run(args);
