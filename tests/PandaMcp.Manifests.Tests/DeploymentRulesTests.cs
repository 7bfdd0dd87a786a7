using k8s.Models;
using PandaMcp.Silo.Hosting;

namespace PandaMcp.Manifests.Tests;

/// <summary>The rules the issue sets for running the cluster on Kubernetes, checked on the base manifests.</summary>
public sealed class DeploymentRulesTests
{
    private const string Silo = "panda-mcp-silo";
    private const string Gateway = "panda-mcp-gateway";

    [Fact]
    public void Silo_TakesItsAddressNameAndIdentitiesFromThePod()
    {
        var pod = K8sManifests.Deployment(Silo).Spec.Template;
        var env = Assert.Single(pod.Spec.Containers).Env.ToDictionary(e => e.Name);

        Assert.Equal("status.podIP", env["PandaMcp__Cluster__AdvertisedIP"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("metadata.name", env["PandaMcp__Cluster__SiloName"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("metadata.labels['orleans/serviceId']", env["PandaMcp__Cluster__ServiceId"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("metadata.labels['orleans/clusterId']", env["PandaMcp__Cluster__ClusterId"].ValueFrom.FieldRef.FieldPath);
        Assert.True(pod.Metadata.Labels.ContainsKey("orleans/serviceId") && pod.Metadata.Labels.ContainsKey("orleans/clusterId"));
    }

    [Fact]
    public void SiloAndGateway_ReadRedisFromASecret_AndShareTheClusterIdentities()
    {
        var silo = K8sManifests.Deployment(Silo).Spec.Template;
        var gateway = Assert.Single(K8sManifests.Deployment(Gateway).Spec.Template.Spec.Containers).Env.ToDictionary(e => e.Name);

        foreach (var container in new[] { Assert.Single(silo.Spec.Containers), Assert.Single(K8sManifests.Deployment(Gateway).Spec.Template.Spec.Containers) })
        {
            var redis = container.Env.Single(e => e.Name == "PandaMcp__Cluster__Redis");
            Assert.Null(redis.Value);
            Assert.NotNull(redis.ValueFrom.SecretKeyRef);
        }
        Assert.Equal(silo.Metadata.Labels["orleans/serviceId"], gateway["PandaMcp__Cluster__ServiceId"].Value);
        Assert.Equal(silo.Metadata.Labels["orleans/clusterId"], gateway["PandaMcp__Cluster__ClusterId"].Value);
        Assert.Equal("false", gateway["PandaMcp__Gateway__HostSilo"].Value);
    }

    [Fact]
    public void Silo_DeclaresTheOrleansPortsItIsConfiguredWith()
    {
        var container = Assert.Single(K8sManifests.Deployment(Silo).Spec.Template.Spec.Containers);
        var env = container.Env.ToDictionary(e => e.Name, e => e.Value);
        var ports = container.Ports.Select(p => p.ContainerPort).ToHashSet();

        Assert.Contains(int.Parse(env["PandaMcp__Cluster__SiloPort"]), ports);
        Assert.Contains(int.Parse(env["PandaMcp__Cluster__GatewayPort"]), ports);
        Assert.Equal([11111, 30000], new[] { int.Parse(env["PandaMcp__Cluster__SiloPort"]), int.Parse(env["PandaMcp__Cluster__GatewayPort"]) });
    }

    [Theory]
    [InlineData(Silo)]
    [InlineData(Gateway)]
    public void GracePeriod_ExceedsTheDrainAndTheShutdownTimeout(string name)
    {
        var pod = K8sManifests.Deployment(name).Spec.Template.Spec;
        var env = Assert.Single(pod.Containers).Env.ToDictionary(e => e.Name, e => e.Value);
        var defaults = new ShutdownOptions();
        var drain = env.TryGetValue("PandaMcp__Shutdown__DrainDelay", out var d) ? TimeSpan.Parse(d) : defaults.DrainDelay;
        var timeout = env.TryGetValue("PandaMcp__Shutdown__Timeout", out var t) ? TimeSpan.Parse(t) : defaults.Timeout;

        Assert.True(drain > TimeSpan.Zero, "without a drain, requests still routed to a stopping pod fail");
        Assert.True(TimeSpan.FromSeconds(pod.TerminationGracePeriodSeconds!.Value) > drain + timeout,
            $"terminationGracePeriodSeconds {pod.TerminationGracePeriodSeconds} is not above {drain + timeout}");
    }

    [Theory]
    [InlineData(Silo)]
    [InlineData(Gateway)]
    public void RollingUpdates_NeverRunShort_AndPodsRequestCpuWithoutALimit(string name)
    {
        var deployment = K8sManifests.Deployment(name);
        var container = Assert.Single(deployment.Spec.Template.Spec.Containers);

        Assert.Equal("RollingUpdate", deployment.Spec.Strategy.Type);
        Assert.Equal("0", deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value);
        Assert.True(container.Resources.Requests.ContainsKey("cpu"));
        Assert.False(container.Resources.Limits?.ContainsKey("cpu") ?? false, "a CPU limit throttles heartbeats");
        Assert.True(deployment.Spec.Template.Spec.SecurityContext.RunAsNonRoot);
    }

    [Theory]
    [InlineData(Silo)]
    [InlineData(Gateway)]
    public void EachDeployment_HasADisruptionBudgetAndAnAutoscaler_ThatScalesDownSlowly(string name)
    {
        var labels = K8sManifests.Deployment(name).Spec.Template.Metadata.Labels;
        var autoscaler = K8sManifests.All<V2HorizontalPodAutoscaler>().Single(h => h.Spec.ScaleTargetRef.Name == name);

        Assert.Single(K8sManifests.All<V1PodDisruptionBudget>(), b => b.Spec.Selector.MatchLabels.All(l => labels[l.Key] == l.Value));
        Assert.True(autoscaler.Spec.Behavior.ScaleDown.StabilizationWindowSeconds >= 300);
        Assert.All(autoscaler.Spec.Behavior.ScaleDown.Policies, p => Assert.True(p is { Type: "Pods", Value: 1 }, "scale down one pod at a time"));
    }

    [Fact]
    public void Gateway_CarriesNoOrleansLabels()
    {
        var gateways = K8sManifests.Resources.Where(o => o.Name == Gateway).ToList();
        var labels = gateways.SelectMany(o => (o.Object.Metadata.Labels ?? new Dictionary<string, string>()).Keys)
            .Concat(K8sManifests.Templates(K8sManifests.Deployment(Gateway)).SelectMany(t => t.Metadata.Labels.Keys));

        Assert.NotEmpty(gateways);
        Assert.DoesNotContain(labels, l => l.StartsWith("orleans", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Ingress_RoutesTheMcpPathsToTheGateway_Unbuffered_WithLongTimeouts()
    {
        var ingress = K8sManifests.All<V1Ingress>().Single();
        var service = K8sManifests.All<V1Service>().Single(s => s.Name() == Gateway);
        var paths = ingress.Spec.Rules.Single().Http.Paths;

        Assert.Equal(["/mcp", "/messages/", "/sse"], paths.Select(p => p.Path).Order());
        Assert.All(paths, p =>
        {
            Assert.Equal(Gateway, p.Backend.Service.Name);
            Assert.Contains(p.Backend.Service.Port.Name, service.Spec.Ports.Select(s => s.Name));
        });
        Assert.Equal("off", ingress.Metadata.Annotations["nginx.ingress.kubernetes.io/proxy-buffering"]);
        Assert.True(int.Parse(ingress.Metadata.Annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600);
    }

    [Fact]
    public void NetworkPolicies_AllowOnlyTheClusterPorts_BetweenSilosAndGateways()
    {
        var policies = K8sManifests.All<V1NetworkPolicy>().Where(p => p.Spec.PodSelector.MatchLabels?.ContainsKey("app.kubernetes.io/component") == true).ToList();
        var silo = policies.Single(p => p.Spec.PodSelector.MatchLabels["app.kubernetes.io/component"] == "silo");
        var gateway = policies.Single(p => p.Spec.PodSelector.MatchLabels["app.kubernetes.io/component"] == "gateway");

        Assert.Equal([11111], IngressPortsFrom(silo, "silo"));
        Assert.Equal([30000], IngressPortsFrom(silo, "gateway"));
        Assert.Empty(IngressPortsFrom(gateway, "silo"));
        Assert.Equal([30000], gateway.Spec.Egress.Where(e => Component(e.To) == "silo").SelectMany(e => e.Ports).Select(p => int.Parse(p.Port.Value)));
        Assert.Contains(K8sManifests.All<V1NetworkPolicy>(), p => p.Spec.PolicyTypes.SequenceEqual(["Ingress", "Egress"]) && p.Spec.Ingress is null && p.Spec.Egress is null);
    }

    private static IEnumerable<int> IngressPortsFrom(V1NetworkPolicy policy, string component) =>
        policy.Spec.Ingress.Where(i => Component(i.FromProperty) == component).SelectMany(i => i.Ports).Select(p => int.Parse(p.Port.Value));

    private static string? Component(IEnumerable<V1NetworkPolicyPeer>? peers) =>
        peers?.Select(p => p.PodSelector?.MatchLabels is { } labels && labels.TryGetValue("app.kubernetes.io/component", out var component) ? component : null)
            .SingleOrDefault(c => c is not null);
}
