using BenchmarkDotNet.Running;

// Run all: dotnet run -c Release --project benchmarks/Blux.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
