using BenchmarkDotNet.Running;

// Pick benchmarks with e.g. `dotnet run -c Release -- --filter '*Report*' --job short`.
BenchmarkSwitcher.FromAssembly(typeof(OpinionBot.Bench.ReportBenchmarks).Assembly).Run(args);
