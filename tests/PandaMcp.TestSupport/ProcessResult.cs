namespace PandaMcp.Testing;

/// <summary>How a process started by <see cref="DotnetProcess"/> ended and what it wrote.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);
