using System.Text.RegularExpressions;

namespace Campaigns.Deploy.Tests;

/// <summary>docker-compose.yml, checked without a Docker engine: what it names exists and fits together.</summary>
public sealed partial class ComposeTests
{
    private static readonly Dictionary<object, object> Compose = Repository.Yaml("docker-compose.yml");
    private static readonly Dictionary<object, object> Services = Compose.Map("services");

    private static Dictionary<object, object> Service(string name) => Services.Map(name);

    private static Dictionary<string, string> Environment(string service) =>
        Service(service).Map("environment").ToDictionary(e => e.Key.ToString()!, e => e.Value?.ToString() ?? "");

    [Fact]
    public void Has_the_whole_stack()
    {
        Assert.Equal(["mailpit", "migrate", "rabbitmq", "sqlserver", "web", "worker"], Services.Keys.Select(k => k.ToString()!).Order(StringComparer.Ordinal));
        Assert.Contains("sqlserver-data", Compose.Map("volumes").Keys.Select(k => k.ToString()));
    }

    [Fact]
    public void Every_service_has_an_image_and_every_build_a_dockerfile_of_this_repository()
    {
        foreach (var (name, _) in Services)
        {
            var service = Service(name.ToString()!);
            Assert.False(string.IsNullOrEmpty(service.Text("image")), $"{name} has no image");
            if (service.ContainsKey("build"))
            {
                var build = service.Map("build");
                Assert.True(File.Exists(Repository.PathOf(Path.Combine(build.Text("context") ?? ".", build.Text("dockerfile")!))), $"{name}: no {build.Text("dockerfile")}");
                Assert.StartsWith("campaigns/", service.Text("image"), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Dependencies_exist_and_wait_for_health_checks_that_exist()
    {
        foreach (var (name, _) in Services)
        {
            foreach (var (dependency, condition) in Service(name.ToString()!).Map("depends_on"))
            {
                Assert.True(Services.ContainsKey(dependency), $"{name} depends on a missing {dependency}");
                var wanted = condition.Text("condition");
                Assert.Contains(wanted, new[] { "service_healthy", "service_completed_successfully", "service_started" });
                if (wanted == "service_healthy")
                {
                    Assert.True(Service(dependency.ToString()!).ContainsKey("healthcheck"), $"{name} waits for {dependency} to be healthy, which has no health check");
                }
            }
        }

        Assert.Equal("service_completed_successfully", Service("web").Map("depends_on").Map("migrate").Text("condition"));
    }

    [Theory]
    [InlineData("web")]
    [InlineData("worker")]
    [InlineData("migrate")]
    public void Every_variable_set_is_a_configuration_key_the_code_reads(string service)
    {
        var unknown = Environment(service).Keys.Where(k => !ConfigurationKeys.IsKnown(k)).ToList();
        Assert.True(unknown.Count == 0, $"{service} sets keys no code reads: {string.Join(", ", unknown)}");
        Assert.Contains("ConnectionStrings__Campaigns", Environment(service).Keys);
        Assert.Contains("ConnectionStrings__RabbitMq", Environment(service).Keys);
    }

    [Fact]
    public void Every_interpolated_variable_is_in_the_example_env_file()
    {
        var used = Interpolation().Matches(File.ReadAllText(Repository.PathOf("docker-compose.yml"))).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var example = File.ReadAllLines(Repository.PathOf(".env.example")).Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#')).Select(l => l.Split('=')[0]).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(used);
        Assert.All(used, v => Assert.Contains(v, example));
        Assert.All(File.ReadAllLines(Repository.PathOf(".env.example")).Where(l => l.StartsWith("MSSQL_SA_PASSWORD=", StringComparison.Ordinal) || l.StartsWith("RABBITMQ_PASSWORD=", StringComparison.Ordinal)),
            l => Assert.EndsWith("=", l, StringComparison.Ordinal)); // no secret in the repository
    }

    [GeneratedRegex(@"\$\{([A-Z_][A-Z0-9_]*)(?::?[-?][^}]*)?\}")]
    private static partial Regex Interpolation();

    [Theory]
    [InlineData("web", "8080")]
    [InlineData("worker", "8081")]
    public void Ports_and_health_checks_agree_with_the_port_the_host_listens_on(string service, string port)
    {
        Assert.Equal(port, Environment(service)["ASPNETCORE_HTTP_PORTS"]);
        var check = string.Join(' ', Service(service).Map("healthcheck").List("test").Select(t => t.ToString()));
        Assert.Contains($"/dev/tcp/127.0.0.1/{port}", check, StringComparison.Ordinal);
        Assert.Contains("GET /readyz", check, StringComparison.Ordinal);
        Assert.Contains(port, File.ReadAllText(Repository.PathOf(Service(service).Map("build").Text("dockerfile")!)), StringComparison.Ordinal);
    }

    [Fact]
    public void Workers_can_be_scaled_and_are_given_time_to_finish_the_message_in_hand()
    {
        var worker = Service("worker");
        Assert.False(worker.ContainsKey("container_name"));
        Assert.False(worker.ContainsKey("ports")); // a fixed host port would stop --scale
        Assert.Equal("45s", worker.Text("stop_grace_period"));
        Assert.Equal(["migrate"], Service("migrate").List("command").Select(c => c.ToString()));
    }
}
