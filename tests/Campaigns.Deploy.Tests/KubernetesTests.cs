using System.Diagnostics;
using Campaigns.Sending;

namespace Campaigns.Deploy.Tests;

/// <summary>k8s/: validated against the Kubernetes object schemas, and checked to fit together.</summary>
public sealed class KubernetesTests
{
    private static readonly List<Dictionary<object, object>> Objects =
        [.. Directory.GetFiles(Repository.PathOf("k8s"), "*.yaml").Where(f => !f.EndsWith("kustomization.yaml", StringComparison.Ordinal))
            .SelectMany(f => Repository.YamlDocuments(Path.GetRelativePath(Repository.Root, f)))];

    private static Dictionary<object, object> Find(string kind, string name) =>
        Objects.Single(o => o.Text("kind") == kind && o.Map("metadata").Text("name") == name);

    private static IEnumerable<Dictionary<object, object>> Deployments => Objects.Where(o => o.Text("kind") == "Deployment");

    private static Dictionary<object, object> Container(Dictionary<object, object> deployment) =>
        (Dictionary<object, object>)deployment.Map("spec").Map("template").Map("spec").List("containers").Single();

    [Fact]
    public async Task Every_object_is_valid_against_the_kubernetes_and_keda_schemas()
    {
        // kubernetes-models (npm): the Kubernetes OpenAPI schemas and KEDA's CRDs compiled to validators; installed by the test command.
        var dir = Repository.PathOf("tests/Campaigns.Deploy.Tests/KubernetesSchemas");
        Assert.True(Directory.Exists(Path.Combine(dir, "node_modules")), "run the test command (.ci/test): it installs the schema package with npm");
        var psi = new ProcessStartInfo("node") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("validate.mjs");
        foreach (var file in Directory.GetFiles(Repository.PathOf("k8s"), "*.yaml"))
        {
            psi.ArgumentList.Add(file);
        }

        using var node = Process.Start(psi)!;
        var output = await node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await node.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(node.ExitCode == 0, $"{output}\n{error}");
        Assert.Equal(Objects.Count, output.Split('\n').Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_object_is_named_and_in_the_namespace()
    {
        Assert.All(Objects, o =>
        {
            Assert.False(string.IsNullOrEmpty(o.Text("apiVersion")));
            Assert.False(string.IsNullOrEmpty(o.Map("metadata").Text("name")));
            if (o.Text("kind") != "Namespace")
            {
                Assert.Equal("campaigns", o.Map("metadata").Text("namespace"));
            }
        });
        var listed = Repository.Yaml("k8s/kustomization.yaml").List("resources").Select(r => r.ToString()).ToHashSet();
        Assert.All(Directory.GetFiles(Repository.PathOf("k8s"), "*.yaml").Select(Path.GetFileName)
            .Where(f => f is not "kustomization.yaml" and not "secret.example.yaml"), f => Assert.Contains(f, listed));
    }

    [Fact]
    public void Deployments_select_their_pods_and_probe_declared_ports_with_the_health_endpoints()
    {
        Assert.All(Deployments, d =>
        {
            var selector = d.Map("spec").Map("selector").Map("matchLabels");
            var labels = d.Map("spec").Map("template").Map("metadata").Map("labels");
            Assert.All(selector, s => Assert.Equal(s.Value, labels.GetValueOrDefault(s.Key)));
            var container = Container(d);
            var ports = container.List("ports").Cast<Dictionary<object, object>>().Select(p => p.Text("name")).ToHashSet();
            Assert.Equal("/readyz", container.Map("readinessProbe").Map("httpGet").Text("path"));
            Assert.Equal("/healthz", container.Map("livenessProbe").Map("httpGet").Text("path"));
            Assert.Contains(container.Map("readinessProbe").Map("httpGet").Text("port"), ports);
            Assert.Contains(container.Map("livenessProbe").Map("httpGet").Text("port"), ports);
            Assert.True(int.Parse(d.Map("spec").Map("template").Map("spec").Text("terminationGracePeriodSeconds")!, System.Globalization.CultureInfo.InvariantCulture) >= 30);
            Assert.NotEmpty(container.Map("resources").Map("requests"));
            Assert.NotEmpty(container.Map("resources").Map("limits"));
        });
    }

    [Fact]
    public void The_service_reaches_the_web_pods_on_a_declared_port()
    {
        var service = Find("Service", "campaigns-web");
        var web = Find("Deployment", "campaigns-web");
        var labels = web.Map("spec").Map("template").Map("metadata").Map("labels");
        Assert.All(service.Map("spec").Map("selector"), s => Assert.Equal(s.Value, labels.GetValueOrDefault(s.Key)));
        var target = ((Dictionary<object, object>)service.Map("spec").List("ports").Single()).Text("targetPort");
        Assert.Contains(target, Container(web).List("ports").Cast<Dictionary<object, object>>().Select(p => p.Text("name")));
        var backend = Find("Ingress", "campaigns-web").Map("spec").List("rules").Cast<Dictionary<object, object>>().Single()
            .Map("http").List("paths").Cast<Dictionary<object, object>>().Single().Map("backend").Map("service");
        Assert.Equal("campaigns-web", backend.Text("name"));
    }

    [Fact]
    public void Keda_scales_the_worker_deployment_on_the_queue_the_workers_consume()
    {
        var scaled = Find("ScaledObject", "campaigns-worker");
        Assert.Equal("campaigns-worker", scaled.Map("spec").Map("scaleTargetRef").Text("name"));
        Assert.NotNull(Find("Deployment", "campaigns-worker"));
        var trigger = (Dictionary<object, object>)scaled.Map("spec").List("triggers").Single();
        Assert.Equal("rabbitmq", trigger.Text("type"));
        Assert.Equal(new SendingOptions().QueueName, trigger.Map("metadata").Text("queueName"));
        Assert.Equal("1", scaled.Map("spec").Text("minReplicaCount"));
        var auth = Find("TriggerAuthentication", trigger.Map("authenticationRef").Text("name")!);
        var secretRef = (Dictionary<object, object>)auth.Map("spec").List("secretTargetRef").Single();
        Assert.Contains(secretRef.Text("key"), Find("Secret", secretRef.Text("name")!).Map("stringData").Keys.Select(k => k.ToString()));
    }

    [Fact]
    public void Configuration_comes_from_the_config_map_and_secret_with_keys_the_code_reads_and_no_secret_values()
    {
        var config = Find("ConfigMap", "campaigns-config").Map("data");
        var secret = Find("Secret", "campaigns-secrets").Map("stringData");
        Assert.All(config.Keys.Concat(secret.Keys).Select(k => k.ToString()!), k => Assert.True(ConfigurationKeys.IsKnown(k), $"{k} is read by no code"));
        Assert.All(secret.Values, v => Assert.Equal("REPLACE_ME", v?.ToString()));
        foreach (var workload in Deployments.Select(Container).Append((Dictionary<object, object>)Find("Job", "campaigns-migrate").Map("spec").Map("template").Map("spec").List("containers").Single()))
        {
            var refs = workload.List("envFrom").Cast<Dictionary<object, object>>().ToList();
            Assert.Contains(refs, r => r.Map("configMapRef").Text("name") == "campaigns-config");
            Assert.Contains(refs, r => r.Map("secretRef").Text("name") == "campaigns-secrets");
        }
    }

    [Fact]
    public void Disruption_budgets_cover_web_and_workers()
    {
        var budgets = Objects.Where(o => o.Text("kind") == "PodDisruptionBudget").Select(o => o.Map("spec").Map("selector").Map("matchLabels").Text("app.kubernetes.io/name")).ToHashSet();
        Assert.Equal(["campaigns-web", "campaigns-worker"], budgets.Order(StringComparer.Ordinal));
    }
}
