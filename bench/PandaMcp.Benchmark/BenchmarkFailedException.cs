namespace PandaMcp.Benchmark;

/// <summary>A reason the benchmark cannot go on that the user can act on; its message is printed as is.</summary>
public sealed class BenchmarkFailedException(string message) : Exception(message);
