using k8s;
using k8s.Models;

namespace PandaMcp.Manifests.Tests;

/// <summary>One object of a manifest file; a patch is a partial object that an overlay lays over a base one.</summary>
internal sealed record ManifestObject(string File, IKubernetesObject<V1ObjectMeta> Object, bool IsPatch)
{
    public string Kind => Object.Kind;
    public string Name => Object.Metadata.Name;

    public override string ToString() => $"{Kind}/{Name} in {File}";
}
