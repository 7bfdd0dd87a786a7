using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PandaMcp.Manifests.Tests;

/// <summary>The parts of a <c>kustomization.yaml</c> (or a Component) that name files and objects.</summary>
internal sealed class Kustomization
{
    public string ApiVersion { get; set; } = "";
    public string Kind { get; set; } = "";
    public string? Namespace { get; set; }
    public List<string> Resources { get; set; } = [];
    public List<string> Components { get; set; } = [];
    public List<KustomizePatch> Patches { get; set; } = [];
    public List<KustomizeImage> Images { get; set; } = [];

    private static readonly IDeserializer Reader = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();

    /// <summary>Reads one; a key this model does not know fails the read, so a typo cannot pass unseen.</summary>
    public static Kustomization Parse(string yaml) => Reader.Deserialize<Kustomization>(yaml);
}

internal sealed class KustomizePatch
{
    public string? Path { get; set; }
    public string? Patch { get; set; }
    public KustomizeTarget? Target { get; set; }
}

internal sealed class KustomizeTarget
{
    public string? Kind { get; set; }
    public string? Name { get; set; }
}

internal sealed class KustomizeImage
{
    public string Name { get; set; } = "";
    public string? NewName { get; set; }
    public string? NewTag { get; set; }
}
