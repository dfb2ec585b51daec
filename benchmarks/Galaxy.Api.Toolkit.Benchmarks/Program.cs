using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Galaxy.Api.Toolkit.Benchmarks.DocumentServingBenchmarks).Assembly).Run(args);
