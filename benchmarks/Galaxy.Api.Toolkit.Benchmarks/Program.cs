using BenchmarkDotNet.Running;
using Galaxy.Api.Toolkit.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(DocumentServingBenchmarks).Assembly).Run(BenchmarkArguments.WithDefaults(args));
