using k8s;
using k8s.Models;

namespace PandaMcp.Manifests.Tests;

/// <summary>Everything under <c>k8s/</c>: the kustomizations, and every object of every other YAML file, read strictly.</summary>
internal static class K8sManifests
{
    public const string Folder = "k8s";
    public const string BaseFolder = "k8s/base";

    /// <summary>Every YAML file, relative to the repository root with '/' separators.</summary>
    public static IReadOnlyList<string> Files { get; } =
        [.. Directory.EnumerateFiles(Repository.PathOf(Folder), "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repository.Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    /// <summary>The kustomizations and components, by the folder that holds them.</summary>
    public static IReadOnlyDictionary<string, Kustomization> Kustomizations { get; } = Files
        .Where(IsKustomization)
        .ToDictionary(f => Path.GetDirectoryName(f)!.Replace('\\', '/'), f => Kustomization.Parse(Repository.Read(f)));

    /// <summary>The files some kustomization lays over others as patches.</summary>
    public static IReadOnlySet<string> PatchFiles { get; } = Kustomizations
        .SelectMany(k => k.Value.Patches.Where(p => p.Path is not null).Select(p => Normalize($"{k.Key}/{p.Path}")))
        .ToHashSet(StringComparer.Ordinal);

    public static IReadOnlyList<ManifestObject> Objects { get; } =
        [.. Files.Where(f => !IsKustomization(f)).SelectMany(f => Load(f).Select(o => new ManifestObject(f, o, PatchFiles.Contains(f))))];

    /// <summary>Whole objects, as deployed (the overlays' patches left out).</summary>
    public static IEnumerable<ManifestObject> Resources => Objects.Where(o => !o.IsPatch);

    public static IEnumerable<T> All<T>() => Resources.Select(o => o.Object).OfType<T>();

    public static V1Deployment Deployment(string name) => All<V1Deployment>().Single(d => d.Name() == name);

    /// <summary>Every container of every pod template, whole or patched.</summary>
    public static IEnumerable<(ManifestObject Owner, V1Container Container)> Containers => Objects.SelectMany(o => Templates(o.Object)
        .SelectMany(t => t.Spec?.Containers ?? []).Select(c => (o, c)));

    public static IEnumerable<V1PodTemplateSpec> Templates(object manifest) => manifest switch
    {
        V1Deployment { Spec.Template: { } template } => [template],
        V1StatefulSet { Spec.Template: { } template } => [template],
        _ => [],
    };

    public static string Normalize(string path) => Path.GetRelativePath(Repository.Root, Path.GetFullPath(Repository.PathOf(path))).Replace('\\', '/');

    private static bool IsKustomization(string file) => Path.GetFileName(file) == "kustomization.yaml";

    private static IEnumerable<IKubernetesObject<V1ObjectMeta>> Load(string file)
    {
        // Strict: a field the Kubernetes models do not have (a typo, a wrong indentation) fails the read.
        var documents = KubernetesYaml.LoadAllFromString(Repository.Read(file), strict: true);
        return documents.Select(d => d as IKubernetesObject<V1ObjectMeta>
            ?? throw new InvalidDataException($"{file}: {d.GetType().Name} is not a Kubernetes object with metadata."));
    }
}
