using System.Text.RegularExpressions;

namespace AutoTracker.Deployment.Docker;

/// <summary>Structural checks of etc/docker/Dockerfile and .dockerignore; docker itself cannot run on the test machines.</summary>
public sealed partial class DockerfileTests
{
    private readonly Dockerfile _dockerfile = Dockerfile.Load();

    [Fact]
    public void BaseImages_ArePinnedToMajorVersion()
    {
        var stageNames = new List<string>();
        foreach (var stage in _dockerfile.Stages)
        {
            if (!stageNames.Contains(stage.BaseImage))
            {
                MajorVersionTagPattern().IsMatch(stage.BaseImage).ShouldBeTrue($"FROM {stage.BaseImage} should name a major version, such as :10.0");
            }

            if (stage.Name is not null)
            {
                stageNames.Add(stage.Name);
            }
        }
    }

    [Fact]
    public void Stages_UseSdkThenAspNet()
    {
        _dockerfile.Stages.ShouldContain(stage => stage.BaseImage == "mcr.microsoft.com/dotnet/sdk:10.0" && stage.Name == "build");
        _dockerfile.FinalStage.BaseImage.ShouldBe("mcr.microsoft.com/dotnet/aspnet:10.0");
    }

    [Fact]
    public void FinalStage_RunsAsFixedNonRootUser()
    {
        var user = _dockerfile.FinalStage.All("USER").LastOrDefault();

        user.ShouldNotBeNull("the final stage has no USER, so the app would run as root");
        var match = NumericUserPattern().Match(user.Arguments);
        match.Success.ShouldBeTrue($"USER {user.Arguments} should be a numeric uid:gid, so the uid is fixed");
        match.Groups["uid"].Value.ShouldNotBe("0");
        match.Groups["gid"].Value.ShouldNotBe("0");
    }

    [Fact]
    public void FinalStage_AppDataOwnedByAppUser()
    {
        var user = _dockerfile.FinalStage.All("USER").Last().Arguments;
        var workingFolder = _dockerfile.FinalStage.All("WORKDIR").Last().Arguments;

        workingFolder.ShouldBe(_dockerfile.PublishFolder("AutoTracker.Web"));
        _dockerfile.FinalStage.All("RUN").ShouldContain(
            run => run.Arguments.Contains("mkdir App_Data") && run.Arguments.Contains($"chown {user} App_Data"),
            "a RUN should create App_Data in the web app's folder and give it to the app user");
    }

    [Fact]
    public void FinalStage_HealthCheckQueriesHealthEndpoint()
    {
        var command = _dockerfile.FinalStage.HealthCheckCommand();
        var copy = _dockerfile.FinalStage.All("COPY")
            .Select(instruction => instruction.Arguments.Split(' '))
            .SingleOrDefault(arguments => arguments[^1] == command[0]);

        copy.ShouldNotBeNull($"the final stage should COPY the health check program {command[0]} from the repository");
        copy.Length.ShouldBe(2, "the health check program should come from the build context, not another stage");
        Repository.ReadText(copy[0]).ShouldContain("GET /health HTTP/1.0");
    }

    [Fact]
    public void FinalStage_ServesHttpOnPort8080()
    {
        _dockerfile.FinalStage.EnvironmentValue("ASPNETCORE_HTTP_PORTS").ShouldBe("8080");
        _dockerfile.FinalStage.All("EXPOSE").Select(expose => expose.Arguments).ShouldBe(["8080"]);
    }

    [Fact]
    public void Entrypoint_StartsWebApp()
    {
        _dockerfile.FinalStage.All("ENTRYPOINT").Single().ExecForm().ShouldBe(["dotnet", "AutoTracker.Web.dll"]);
    }

    [Fact]
    public void Build_PublishesWebAndMigratorInRelease()
    {
        var runs = string.Join('\n', _dockerfile.Stages.Single(stage => stage.Name == "build").All("RUN").Select(run => run.Arguments));

        runs.ShouldContain("dotnet publish src/AutoTracker.Web/AutoTracker.Web.csproj -c Release");
        runs.ShouldContain("dotnet publish src/AutoTracker.DbMigrator/AutoTracker.DbMigrator.csproj -c Release");
    }

    [Fact]
    public void Restore_ComesBeforeSourceCopy()
    {
        var build = _dockerfile.Stages.Single(stage => stage.Name == "build").Instructions.ToList();
        var restore = build.FindIndex(instruction => instruction.Keyword == "RUN" && instruction.Arguments.Contains("dotnet restore"));
        var sourceCopy = build.FindIndex(instruction => instruction.Keyword == "COPY" && instruction.Arguments == "src/ src/");
        var restoreInputs = string.Join(' ', build.Take(restore).Where(instruction => instruction.Keyword == "COPY").Select(copy => copy.Arguments));

        restore.ShouldBeGreaterThanOrEqualTo(0, "the build stage should run dotnet restore");
        sourceCopy.ShouldBeGreaterThan(restore, "the sources should be copied after the restore, so that a code change keeps the restore layer");
        foreach (var file in new[] { "global.json", "NuGet.Config", "Directory.Build.props", "Directory.Packages.props", "common.props" })
        {
            restoreInputs.ShouldContain(file);
        }

        restoreInputs.ShouldContain("--from=projects");
    }

    [Fact]
    public void DockerIgnore_ExcludesBuildOutputAndSecrets()
    {
        var patterns = Repository.ReadText(".dockerignore").Split('\n').Select(line => line.Trim()).ToList();

        foreach (var pattern in new[] { ".git", "**/bin", "**/obj", "**/node_modules", "**/App_Data", "**/TestResults", ".tmp", "**/.env", "etc/docker/certs" })
        {
            patterns.ShouldContain(pattern);
        }
    }

    // A registry image with a tag that starts with a version number (10.0, 8.4, 24-slim); "latest" or no tag fails.
    [GeneratedRegex(@"^[a-z0-9./-]+:[0-9]+(\.[0-9]+)?(-[a-z0-9.-]+)?$")]
    private static partial Regex MajorVersionTagPattern();

    [GeneratedRegex("^(?<uid>[0-9]+):(?<gid>[0-9]+)$")]
    private static partial Regex NumericUserPattern();
}
