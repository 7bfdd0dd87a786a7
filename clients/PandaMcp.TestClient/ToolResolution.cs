namespace PandaMcp.TestClient;

/// <summary>The tool's full name, or why none could be chosen.</summary>
internal sealed record ToolResolution(string? Name, string? Problem);
