using System.Net;
using System.Text.RegularExpressions;
using AutoTracker.Deployment.Docker;

namespace AutoTracker.Deployment.Compose;

/// <summary>The shape of etc/docker/docker-compose.yml: services, dependencies, settings, networks and secrets.</summary>
public sealed partial class ComposeFileTests
{
    private const string EnvExamplePath = "etc/docker/.env.example";

    private static readonly string[] OptionalVariables = ["AUTOTRACKER_TLS_DIR", "AUTOTRACKER_IMAGE_TAG"];

    private readonly ComposeFile _compose = ComposeFile.Load();

    [Fact]
    public void Services_AreTheProductionStack()
    {
        var others = _compose.Services.Keys.Except(["mysql", "redis", "migrator", "nginx"]).Order().ToList();

        _compose.Services.Keys.ShouldContain("mysql");
        _compose.Services.Keys.ShouldContain("redis");
        _compose.Services.Keys.ShouldContain("migrator");
        _compose.Services.Keys.ShouldContain("nginx");
        others.ShouldBe(_compose.WebNodeNames.Order().ToList(), "every other service should be a web node of the app image");
    }

    [Fact]
    public void WebNodes_ComeFromAppImage()
    {
        _compose.WebNodeNames.ShouldContain("web1");
        _compose.WebNodeNames.ShouldContain("web2");
        foreach (var name in _compose.WebNodeNames)
        {
            var build = ComposeFile.Map(_compose.Service(name)["build"]);
            build["dockerfile"].ShouldBe("etc/docker/Dockerfile");
            Path.GetFullPath(Path.Combine(Repository.PathOf("etc/docker"), (string)build["context"]!)).ShouldBe(Repository.Root);
        }
    }

    [Fact]
    public void WebNodes_HaveImageHealthCheck()
    {
        var dockerHealthCheck = Dockerfile.Load().FinalStage.HealthCheckCommand();
        foreach (var name in _compose.WebNodeNames)
        {
            var healthCheck = ComposeFile.Map(_compose.Service(name)["healthcheck"]);
            healthCheck.ContainsKey("disable").ShouldBeFalse();
            ComposeFile.Strings(healthCheck["test"]).ShouldBe(dockerHealthCheck.Prepend("CMD").ToList(), $"{name} health check");
        }
    }

    [Fact]
    public void WebNodes_StartAfterMigratorSucceeded()
    {
        foreach (var name in _compose.WebNodeNames)
        {
            var dependencies = ComposeFile.Map(_compose.Service(name)["depends_on"]);
            ComposeFile.Map(dependencies["migrator"])["condition"].ShouldBe("service_completed_successfully", $"{name} waits for the migrator");
            ComposeFile.Map(dependencies["redis"])["condition"].ShouldBe("service_healthy", $"{name} waits for Redis");
            _compose.Environment(name)["AutoTracker__Database__MigrateOnStartup"].ShouldBe("false", $"{name} must not migrate");
        }
    }

    [Fact]
    public void Migrator_RunsOnceAfterMysqlIsHealthy()
    {
        var migrator = _compose.Service("migrator");

        migrator["restart"].ShouldBe("no");
        ComposeFile.Map(ComposeFile.Map(migrator["depends_on"])["mysql"])["condition"].ShouldBe("service_healthy");
        ComposeFile.Map(migrator["healthcheck"])["disable"].ShouldBe("true");
    }

    [Fact]
    public void Migrator_RunsPublishedDbMigrator()
    {
        var migrator = _compose.Service("migrator");
        var publishFolder = Dockerfile.Load().PublishFolder("AutoTracker.DbMigrator");

        migrator["working_dir"].ShouldBe(publishFolder);
        ComposeFile.Strings(migrator["entrypoint"]).ShouldBe(["dotnet", "AutoTracker.DbMigrator.dll"]);
    }

    [Fact]
    public void Ports_OnlyNginxPublishes()
    {
        foreach (var (name, service) in _compose.Services)
        {
            var settings = ComposeFile.Map(service);
            settings.ContainsKey("network_mode").ShouldBeFalse($"{name} must stay on the compose networks");
            if (name == "nginx")
            {
                ComposeFile.Strings(settings["ports"]).ShouldBe(["80:80", "443:443"]);
            }
            else
            {
                settings.ContainsKey("ports").ShouldBeFalse($"{name} must not publish ports");
            }
        }
    }

    [Fact]
    public void Nginx_MountsEtcNginxAsConfD()
    {
        var volumes = ComposeFile.Strings(_compose.Service("nginx")["volumes"]);

        volumes.ShouldContain("../nginx:/etc/nginx/conf.d:ro");
        volumes.ShouldContain(volume => volume.EndsWith(":/etc/nginx/certs:ro", StringComparison.Ordinal));
        _compose.Service("nginx")["image"].ShouldBe("nginx:1.27");
    }

    [Fact]
    public void Nginx_WaitsForEveryWebNode()
    {
        var dependencies = ComposeFile.Map(_compose.Service("nginx")["depends_on"]);

        dependencies.Keys.Order().ShouldBe(_compose.WebNodeNames.Order().ToList());
        foreach (var name in _compose.WebNodeNames)
        {
            ComposeFile.Map(dependencies[name])["condition"].ShouldBe("service_healthy", $"nginx waits for {name}");
        }
    }

    [Fact]
    public void Mysql_UsesUtf8mb4AndHealthCheck()
    {
        var mysql = _compose.Service("mysql");

        mysql["image"].ShouldBe("mysql:8.4");
        ComposeFile.Strings(mysql["command"]).ShouldContain("--character-set-server=utf8mb4");
        ComposeFile.Strings(mysql["command"]).ShouldContain("--collation-server=utf8mb4_unicode_ci");
        ComposeFile.Strings(ComposeFile.Map(mysql["healthcheck"])["test"]).ShouldContain("mysqladmin");
        ComposeFile.Strings(ComposeFile.Map(mysql["healthcheck"])["test"]).ShouldContain("ping");
        ComposeFile.Strings(mysql["volumes"]).ShouldContain("mysql-data:/var/lib/mysql");
    }

    [Fact]
    public void Redis_IsVersion7()
    {
        _compose.Service("redis")["image"].ShouldBe("redis:7");
    }

    [Fact]
    public void WebNodes_ReadAppSettings()
    {
        foreach (var name in _compose.WebNodeNames)
        {
            var environment = _compose.Environment(name);
            environment["ASPNETCORE_ENVIRONMENT"].ShouldBe("Production");
            environment["AutoTracker__Database__Provider"].ShouldBe("MySql");
            environment["ConnectionStrings__Default"].ShouldStartWith("Server=mysql;Port=3306;Database=autotracker;");
            environment["AutoTracker__Redis__Configuration"].ShouldStartWith("redis:6379");
            environment["AutoTracker__PublicBaseUrl"].ShouldStartWith("https://");
            environment.ShouldContainKey("AllowedHosts");
            environment.ShouldNotContainKey("AutoTracker__Seed__AdminPassword");
        }
    }

    [Fact]
    public void Migrator_SeedsWithoutDemoTenant()
    {
        var environment = _compose.Environment("migrator");

        environment["ASPNETCORE_ENVIRONMENT"].ShouldBe("Production");
        environment["AutoTracker__Database__Provider"].ShouldBe("MySql");
        environment["AutoTracker__Seed__DemoTenant"].ShouldBe("false");
        environment["AutoTracker__Seed__AdminPassword"].ShouldStartWith("${AUTOTRACKER_ADMIN_PASSWORD:?");
    }

    [Fact]
    public void Migrator_ReadsNodesKeyRing()
    {
        // Tenant connection strings are encrypted with the key ring in Redis, which the migrator must read to migrate tenant databases.
        var migrator = _compose.Service("migrator");

        _compose.Environment("migrator")["AutoTracker__Redis__Configuration"].ShouldBe(_compose.Environment("web1")["AutoTracker__Redis__Configuration"]);
        ComposeFile.Map(ComposeFile.Map(migrator["depends_on"])["redis"])["condition"].ShouldBe("service_healthy");
    }

    [Fact]
    public void KnownNetworks_IsFrontendSubnet()
    {
        var subnet = Subnet("frontend");

        foreach (var name in _compose.WebNodeNames)
        {
            _compose.Environment(name)["AutoTracker__ReverseProxy__KnownNetworks__0"].ShouldBe(subnet, $"{name} must trust nginx's network");
            var address = (string)ComposeFile.Map(ComposeFile.Map(_compose.Service(name)["networks"])["frontend"])["ipv4_address"]!;
            IPNetwork.Parse(subnet).Contains(IPAddress.Parse(address)).ShouldBeTrue($"{name}'s address {address} is outside {subnet}");
        }

        ComposeFile.Strings(_compose.Service("nginx")["networks"]).ShouldBe(["frontend"]);
    }

    [Fact]
    public void Backend_IsInternalWithoutNginx()
    {
        var backend = ComposeFile.Map(ComposeFile.Map(_compose.Root["networks"])["backend"]);

        backend["internal"].ShouldBe("true");
        ComposeFile.Strings(_compose.Service("mysql")["networks"]).ShouldBe(["backend"]);
        ComposeFile.Strings(_compose.Service("redis")["networks"]).ShouldBe(["backend"]);
    }

    [Fact]
    public void Secrets_AreNotLiterals()
    {
        var document = new YamlDotNet.Serialization.DeserializerBuilder().Build()
            .Deserialize(new YamlDotNet.Core.MergingParser(new YamlDotNet.Core.Parser(new StringReader(_compose.Text))));

        SecretLiteralFinder.Find(document).ShouldBeEmpty();
    }

    // Shows that the check above finds literals, so its empty result means something.
    [Fact]
    public void SecretLiteralFinder_FindsLiterals()
    {
        const string yaml = """
            services:
              app:
                environment:
                  ConnectionStrings__Default: "Server=mysql;Password=hunter2;SslMode=Required"
                  AutoTracker__Seed__AdminPassword: literal-password-2026
                  AutoTracker__Redis__Configuration: "redis:6379,password=hunter2"
                  SAFE: "${SAFE_VALUE:?missing}"
                command: ["redis-server", "--requirepass", "hunter2"]
            """;
        var document = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize(new StringReader(yaml));

        SecretLiteralFinder.Find(document).Count.ShouldBe(4);
    }

    [Fact]
    public void Variables_AreRequiredUnlessOptional()
    {
        foreach (Match reference in VariableReferencePattern().Matches(_compose.Text))
        {
            var name = reference.Groups["name"].Value;
            var modifier = reference.Groups["modifier"].Value;
            if (OptionalVariables.Contains(name))
            {
                modifier.ShouldBe(":-", $"{reference.Value} should have a default");
            }
            else
            {
                modifier.ShouldBe(":?", $"{reference.Value} should stop docker compose when the value is missing or empty");
                reference.Groups["message"].Value.ShouldNotBeNullOrWhiteSpace();
            }
        }
    }

    [Fact]
    public void EnvExample_ListsEveryVariableWithoutValues()
    {
        var example = Repository.ReadText(EnvExamplePath);
        var listed = EnvExampleLinePattern().Matches(example).ToDictionary(match => match.Groups["name"].Value, match => match.Groups["value"].Value);
        var used = VariableReferencePattern().Matches(_compose.Text).Select(match => match.Groups["name"].Value).Distinct().Order().ToList();

        listed.Keys.Order().ShouldBe(used);
        foreach (var name in used.Except(OptionalVariables))
        {
            listed[name].ShouldBeEmpty($"{name} in {EnvExamplePath} should be empty, so that copying the file unchanged does not start the stack");
        }
    }

    private string Subnet(string network)
    {
        var ipam = ComposeFile.Map(ComposeFile.Map(ComposeFile.Map(_compose.Root["networks"])[network])["ipam"]);
        var config = (IEnumerable<object?>)ipam["config"]!;
        return (string)ComposeFile.Map(config.Single())["subnet"]!;
    }

    // ${NAME}, ${NAME:?message}, ${NAME:-default}; comments are skipped because they may name variables in prose.
    [GeneratedRegex(@"(?m)(?<!^\s*#.*)\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?<modifier>:?[?-])?(?<message>[^}]*)\}")]
    private static partial Regex VariableReferencePattern();

    // NAME=value and, for optional settings, #NAME=value.
    [GeneratedRegex(@"(?m)^#?(?<name>[A-Z][A-Z0-9_]*)=(?<value>.*)$")]
    private static partial Regex EnvExampleLinePattern();
}
