using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Galaxy.Api.Toolkit.Benchmarks.Swashbuckle.SwashbuckleDocumentBenchmarks).Assembly).Run(args);
