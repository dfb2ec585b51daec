using BenchmarkDotNet.Running;
using Galaxy.Api.Toolkit.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(Galaxy.Api.Toolkit.Benchmarks.Swashbuckle.SwashbuckleDocumentBenchmarks).Assembly).Run(BenchmarkArguments.WithDefaults(args));
