using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(OpinionBot.Bench.FetchToItemsBenchmark).Assembly).Run(args);
