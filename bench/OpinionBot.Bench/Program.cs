using BenchmarkDotNet.Running;
using OpinionBot.Bench;

BenchmarkSwitcher.FromAssembly(typeof(MatchingBenchmarks).Assembly).Run(args);
