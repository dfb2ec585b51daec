using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

// Long enough for steady state under tiered JIT (ASP.NET code keeps improving for dozens of iterations); a job on the
// command line (--job short, --job dry...) replaces this one.
var config = DefaultConfig.Instance.AddJob(Job.Default.WithWarmupCount(15).WithIterationCount(20).AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(Galaxy.Api.Toolkit.Benchmarks.Swashbuckle.SwashbuckleDocumentBenchmarks).Assembly).Run(args, config);
