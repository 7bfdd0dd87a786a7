using System.Text.RegularExpressions;
using k8s.Models;
using PandaMcp.Catalog;
using PandaMcp.Silo.Hosting;
using PandaMcp.Silo.Telemetry;

namespace PandaMcp.Manifests.Tests;

/// <summary>The objects fit each other and the apps: selectors, probes, ports, variables, documentation.</summary>
public sealed class WiringTests
{
    [Fact]
    public void Workloads_SelectTheirOwnPods()
    {
        foreach (var deployment in K8sManifests.All<V1Deployment>())
        {
            Assert.True(Selects(deployment.Spec.Selector.MatchLabels, deployment.Spec.Template.Metadata.Labels), $"{deployment.Name()} does not select its pods");
        }
        foreach (var set in K8sManifests.All<V1StatefulSet>())
        {
            Assert.True(Selects(set.Spec.Selector.MatchLabels, set.Spec.Template.Metadata.Labels), $"{set.Name()} does not select its pods");
        }
    }

    [Fact]
    public void ServicesBudgetsAndPolicies_SelectExistingPods()
    {
        var pods = K8sManifests.Resources.SelectMany(o => K8sManifests.Templates(o.Object)).Select(t => t.Metadata.Labels).ToList();

        Assert.All(K8sManifests.All<V1Service>(), s => Assert.Contains(pods, labels => Selects(s.Spec.Selector, labels)));
        Assert.All(K8sManifests.All<V1PodDisruptionBudget>(), b => Assert.Single(pods, labels => Selects(b.Spec.Selector.MatchLabels, labels)));
        Assert.All(K8sManifests.All<V1NetworkPolicy>(), p => Assert.Contains(pods, labels => Selects(p.Spec.PodSelector.MatchLabels, labels)));
    }

    [Fact]
    public void Autoscalers_ScaleExistingDeployments()
    {
        var deployments = K8sManifests.All<V1Deployment>().Select(d => d.Name()).ToHashSet();

        Assert.All(K8sManifests.All<V2HorizontalPodAutoscaler>(), h =>
        {
            Assert.Equal("Deployment", h.Spec.ScaleTargetRef.Kind);
            Assert.Contains(h.Spec.ScaleTargetRef.Name, deployments);
        });
        Assert.Equal(deployments, K8sManifests.All<V2HorizontalPodAutoscaler>().Select(h => h.Spec.ScaleTargetRef.Name).ToHashSet());
    }

    [Fact]
    public void Probes_CallTheAppsHealthPaths_OnThePortItListensOn()
    {
        foreach (var deployment in K8sManifests.All<V1Deployment>())
        {
            var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
            var listening = ListeningPort(container);

            Assert.Equal(HealthEndpoints.StartupPath, container.StartupProbe.HttpGet.Path);
            Assert.Equal(HealthEndpoints.ReadyPath, container.ReadinessProbe.HttpGet.Path);
            Assert.Equal(HealthEndpoints.LivePath, container.LivenessProbe.HttpGet.Path);
            foreach (var probe in new[] { container.StartupProbe, container.ReadinessProbe, container.LivenessProbe })
            {
                Assert.Equal(listening, PortNumber(container, probe.HttpGet.Port.Value));
            }
            var annotations = deployment.Spec.Template.Metadata.Annotations;
            Assert.Equal(TelemetryHostingExtensions.MetricsPath, annotations["prometheus.io/path"]);
            Assert.Equal($"{listening}", annotations["prometheus.io/port"]);
        }
    }

    [Fact]
    public void EveryVariableTheManifestsSet_IsOneTheAppsRead()
    {
        var variables = K8sManifests.Containers.Where(c => c.Owner.Name.StartsWith("panda-mcp", StringComparison.Ordinal))
            .SelectMany(c => c.Container.Env ?? []).Select(e => e.Name).Distinct().ToList();

        Assert.NotEmpty(variables);
        Assert.All(variables, v => Assert.True(AppConfiguration.Reads(v), $"The manifests set {v}, which neither app reads."));
    }

    [Fact]
    public void EveryVariableTheManifestsSet_IsDocumented()
    {
        var documentation = Repository.OperatorDocumentation();
        var keys = K8sManifests.Containers.SelectMany(c => c.Container.Env ?? []).Select(e => AppConfiguration.KeyOf(e.Name)).Distinct();

        Assert.All(keys, k => Assert.True(documentation.Contains($"`{k}`", StringComparison.Ordinal), $"{k} is not documented in docs/ or k8s/README.md."));
    }

    [Fact]
    public void EveryOptionKey_IsDocumented()
    {
        var documentation = Repository.OperatorDocumentation();

        Assert.All(AppConfiguration.OptionKeys, k => Assert.True(documentation.Contains(k, StringComparison.Ordinal), $"{k} is not documented."));
    }

    [Fact]
    public void EveryReferencedSecretAndConfigMap_IsDefinedOrNamedInTheGuide()
    {
        var defined = K8sManifests.Resources.Where(o => o.Kind is "Secret" or "ConfigMap").Select(o => o.Name).ToHashSet();
        var guide = Repository.Read("k8s/README.md");
        var referenced = K8sManifests.Objects.SelectMany(o => K8sManifests.Templates(o.Object)).SelectMany(t =>
            (t.Spec.Volumes ?? []).Select(v => v.ConfigMap?.Name ?? v.Secret?.SecretName)
            .Concat((t.Spec.Containers ?? []).SelectMany(c => c.Env ?? [])
                .Select(e => e.ValueFrom?.SecretKeyRef?.Name ?? e.ValueFrom?.ConfigMapKeyRef?.Name)))
            .OfType<string>().Distinct();

        Assert.All(referenced, name => Assert.True(defined.Contains(name) || guide.Contains($"`{name}`", StringComparison.Ordinal),
            $"{name} is neither defined in k8s/ nor named in k8s/README.md as one the operator creates."));
    }

    [Fact]
    public void EndpointListConfigMap_SelectsToolsFromTheCatalog_WhereTheGatewayReadsIt()
    {
        var configMap = K8sManifests.All<V1ConfigMap>().Single(c => c.Name() == "panda-mcp-endpoint-list");
        var gateway = Assert.Single(K8sManifests.Deployment("panda-mcp-gateway").Spec.Template.Spec.Containers);
        var file = gateway.Env.Single(e => e.Name == "PandaMcp__Catalog__EndpointListFile").Value;
        var (name, json) = Assert.Single(configMap.Data);

        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        var tools = EndpointList.Select(PandaCatalog.LoadEmbedded(), stream, name);

        Assert.NotEmpty(tools);
        var mount = gateway.VolumeMounts.Single(m => file.StartsWith(m.MountPath + "/", StringComparison.Ordinal));
        Assert.Equal($"{mount.MountPath}/{name}", file);
        Assert.Equal(configMap.Name(), K8sManifests.Deployment("panda-mcp-gateway").Spec.Template.Spec.Volumes.Single(v => v.Name == mount.Name).ConfigMap.Name);
    }

    /// <summary>The port of the container's <c>ASPNETCORE_URLS</c>, which must be one of its declared ports.</summary>
    private static int ListeningPort(V1Container container)
    {
        var urls = container.Env.Single(e => e.Name == "ASPNETCORE_URLS").Value;
        var port = int.Parse(Regex.Match(urls, @":(\d+)/?$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(port, container.Ports.Select(p => p.ContainerPort));
        return port;
    }

    private static int PortNumber(V1Container container, string port) =>
        int.TryParse(port, out var number) ? number : container.Ports.Single(p => p.Name == port).ContainerPort;

    private static bool Selects(IDictionary<string, string>? selector, IDictionary<string, string>? labels) =>
        selector is { Count: > 0 } && labels is not null && selector.All(s => labels.TryGetValue(s.Key, out var value) && value == s.Value);
}
