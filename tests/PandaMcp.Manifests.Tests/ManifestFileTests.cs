using k8s.Models;

namespace PandaMcp.Manifests.Tests;

/// <summary>Every file under k8s/ reads into the Kubernetes models, and every kustomization names what exists.</summary>
public sealed class ManifestFileTests
{
    [Fact]
    public void EveryObject_ParsesStrictly_WithAKindAndAName()
    {
        Assert.NotEmpty(K8sManifests.Objects);
        Assert.All(K8sManifests.Objects, o =>
        {
            Assert.False(string.IsNullOrEmpty(o.Object.ApiVersion), $"{o}: no apiVersion");
            Assert.False(string.IsNullOrEmpty(o.Name), $"{o}: no name");
        });
    }

    [Fact]
    public void EveryYamlFile_IsUsedByAKustomization()
    {
        var used = K8sManifests.Kustomizations
            .SelectMany(k => k.Value.Resources.Concat(k.Value.Patches.Where(p => p.Path is not null).Select(p => p.Path!))
                .Select(r => K8sManifests.Normalize($"{k.Key}/{r}")))
            .ToHashSet();
        var unused = K8sManifests.Files.Where(f => Path.GetFileName(f) != "kustomization.yaml" && !used.Contains(f));

        Assert.Empty(unused);
    }

    [Fact]
    public void EveryKustomization_NamesFilesAndFoldersThatExist()
    {
        foreach (var (folder, kustomization) in K8sManifests.Kustomizations)
        {
            foreach (var entry in kustomization.Resources.Concat(kustomization.Components).Concat(kustomization.Patches.Where(p => p.Path is not null).Select(p => p.Path!)))
            {
                var path = Repository.PathOf($"{folder}/{entry}");
                Assert.True(File.Exists(path) || File.Exists(Path.Combine(path, "kustomization.yaml")), $"{folder}/kustomization.yaml names {entry}, which does not exist.");
            }
        }
    }

    [Fact]
    public void EveryPatch_TargetsAnObjectOfTheBase()
    {
        var baseObjects = K8sManifests.Resources.Where(o => o.File.StartsWith(K8sManifests.BaseFolder + "/", StringComparison.Ordinal))
            .Select(o => (o.Kind, o.Name)).ToHashSet();
        var targets = K8sManifests.Objects.Where(o => o.IsPatch).Select(o => (o.Kind, o.Name))
            .Concat(K8sManifests.Kustomizations.Values.SelectMany(k => k.Patches).Where(p => p.Target is not null).Select(p => (p.Target!.Kind!, p.Target.Name!)));

        Assert.All(targets, t => Assert.Contains(t, baseObjects));
    }

    [Fact]
    public void Overlays_SetANamespaceAndBothImages()
    {
        var overlays = K8sManifests.Kustomizations.Where(k => k.Key.StartsWith("k8s/overlays/", StringComparison.Ordinal)).ToList();

        Assert.Equal(["k8s/overlays/development", "k8s/overlays/production"], overlays.Select(o => o.Key).Order());
        Assert.All(overlays, o =>
        {
            Assert.False(string.IsNullOrEmpty(o.Value.Namespace));
            Assert.Equal(["panda-mcp-gateway", "panda-mcp-silo"], o.Value.Images.Select(i => i.Name).Order());
        });
    }

    [Fact]
    public void DevelopmentOverlay_RunsItsOwnRedis_AndProductionUsesAnExternalOne()
    {
        var development = K8sManifests.Resources.Where(o => o.File.StartsWith("k8s/overlays/development/", StringComparison.Ordinal)).ToList();
        var production = K8sManifests.Resources.Where(o => o.File.StartsWith("k8s/overlays/production/", StringComparison.Ordinal)).ToList();

        var redis = Assert.Single(development.Select(o => o.Object).OfType<V1StatefulSet>());
        Assert.Equal(1, redis.Spec.Replicas);
        Assert.Contains(development, o => o.Object is V1Secret { Metadata.Name: "panda-mcp-redis" });
        Assert.DoesNotContain(production, o => o.Object is V1StatefulSet or V1Secret);
    }
}
