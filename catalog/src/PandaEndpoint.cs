using System.Text.Json.Serialization;

namespace PandaMcp.Catalog;

/// <summary>One PanDA API v1 endpoint: the facts the server enforces and the words agents read.</summary>
public sealed record PandaEndpoint
{
    /// <summary>Set from the module when a catalog is built; the module files do not repeat it per endpoint.</summary>
    [JsonIgnore]
    public string Module { get; init; } = "";
    public required string Function { get; init; }

    /// <summary>The method to send: the one the server enforces, or the documented one where it enforces none.</summary>
    public required string Method { get; init; }
    public bool MethodEnforced { get; init; } = true;
    public bool Secure { get; init; } = true;
    public bool Production { get; init; }
    public bool TaskOwner { get; init; }

    /// <summary>False for the few endpoints that answer plain text instead of the {success, message, data} envelope.</summary>
    public bool Envelope { get; init; } = true;
    public string Title { get; init; } = "";
    public bool ReadOnly { get; init; }
    public bool Destructive { get; init; }
    public bool Idempotent { get; init; }
    public string Description { get; init; } = "";
    public string Returns { get; init; } = "";
    public IReadOnlyList<PandaParameter> Parameters { get; init; } = [];

    [JsonIgnore]
    public string Path => $"{Module}/{Function}";
    [JsonIgnore]
    public string ToolName => $"{Module}_{Function}";
    [JsonIgnore]
    public bool IsGet => Method == "GET";

    /// <summary>
    /// A read PanDA answers everyone alike, without credentials: calls asking the same question may share one answer.
    /// </summary>
    [JsonIgnore]
    public bool IsPublicRead => !Secure && ReadOnly && IsGet;
}
