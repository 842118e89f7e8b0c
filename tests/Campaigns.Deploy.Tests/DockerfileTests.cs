using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Campaigns.Deploy.Tests;

public sealed partial class DockerfileTests
{
    public static TheoryData<string> Projects => ["Campaigns.Web", "Campaigns.Worker", "Campaigns.Cli"];

    private static string[] Lines(string project) => File.ReadAllLines(Repository.PathOf($"src/{project}/Dockerfile"));

    [Theory]
    [MemberData(nameof(Projects))]
    public void Copies_only_what_exists_and_runs_the_projects_own_assembly_as_a_non_root_user(string project)
    {
        var lines = Lines(project);
        foreach (var copy in lines.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from", StringComparison.Ordinal)))
        {
            var parts = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1];
            Assert.All(parts, p => Assert.True(File.Exists(Repository.PathOf(p)) || Directory.Exists(Repository.PathOf(p)), $"{project}: COPY {p} names nothing"));
        }

        var csproj = XDocument.Load(Repository.PathOf($"src/{project}/{project}.csproj"));
        var assembly = csproj.Descendants("AssemblyName").FirstOrDefault()?.Value ?? project;
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"{assembly}.dll\"]", lines);
        var runtime = lines.SkipWhile(l => !l.Contains("AS runtime", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(runtime);
        Assert.Contains("USER $APP_UID", runtime);
        Assert.Contains(runtime, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Campaigns.Web", "8080")]
    [InlineData("Campaigns.Worker", "8081")]
    public void Exposes_the_port_it_listens_on(string project, string port)
    {
        var lines = Lines(project);
        Assert.Contains($"EXPOSE {port}", lines);
        Assert.Contains($"ENV ASPNETCORE_HTTP_PORTS={port}", lines);
    }

    [Fact]
    public void The_worker_image_runs_the_entry_point_the_fleet_tests_start()
    {
        var fleet = File.ReadAllText(Repository.PathOf("tests/Campaigns.Worker.Tests/WorkerProcess.cs"));
        Assert.Contains("\"Campaigns.Worker.dll\"", fleet, StringComparison.Ordinal);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"Campaigns.Worker.dll\"]", Lines("Campaigns.Worker"));
        Assert.True(File.Exists(Repository.PathOf(".dockerignore")));
    }
}
