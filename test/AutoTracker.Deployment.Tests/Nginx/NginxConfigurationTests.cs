using AutoTracker.Deployment.Compose;
using AutoTracker.Deployment.Docker;
using AutoTracker.Vehicles;

namespace AutoTracker.Deployment.Nginx;

/// <summary>nginx -t on etc/nginx in a sandbox, and checks that tie the nginx configuration to the app and the compose file.</summary>
public sealed class NginxConfigurationTests
{
    private const string ConfigPath = "etc/nginx/autotracker.conf";

    [Fact]
    public async Task NginxTest_ShippedConfiguration_Passes()
    {
        using var sandbox = await NginxSandbox.CreateAsync(["web1", "web2"]);

        var result = await sandbox.TestConfigurationAsync();

        result.ExitCode.ShouldBe(0, result.ToString());
        result.StandardError.ShouldContain("test is successful");
    }

    // The two tests below show that the sandbox can fail: the pass above comes from the configuration, not from a
    // harness that accepts anything.
    [Fact]
    public async Task NginxTest_UpstreamHostUnresolved_Fails()
    {
        using var sandbox = await NginxSandbox.CreateAsync(["web1"]);

        var result = await sandbox.TestConfigurationAsync();

        result.ExitCode.ShouldNotBe(0, result.ToString());
        result.StandardError.ShouldContain("host not found in upstream \"web2:8080\"");
    }

    [Fact]
    public async Task NginxTest_MisspelledDirective_Fails()
    {
        using var sandbox = await NginxSandbox.CreateAsync(["web1", "web2"]);
        var copy = Path.Combine(sandbox.ConfigFolder, "conf.d", Path.GetFileName(ConfigPath));
        var text = await File.ReadAllTextAsync(copy);
        text.ShouldContain("proxy_read_timeout");
        await File.WriteAllTextAsync(copy, text.Replace("proxy_read_timeout", "proxy_read_timout"));

        var result = await sandbox.TestConfigurationAsync();

        result.ExitCode.ShouldNotBe(0, result.ToString());
        result.StandardError.ShouldContain("unknown directive \"proxy_read_timout\"");
    }

    [Fact]
    public void ClientMaxBodySize_CoversLargestImportRequest()
    {
        var sizes = NginxConfigText.Arguments(Repository.ReadText(ConfigPath), "client_max_body_size");

        sizes.Count.ShouldBe(1, "client_max_body_size should be set once, for every location.");
        NginxConfigText.ParseSize(sizes[0]).ShouldBeGreaterThanOrEqualTo(ImportLimits.MaxRequestBytes);
    }

    [Fact]
    public void Upstream_ListsEveryWebNodeOnAppPort()
    {
        var upstream = NginxConfigText.Block(Repository.ReadText(ConfigPath), "upstream autotracker");
        var servers = NginxConfigText.Arguments(upstream, "server")
            .Select(arguments => arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0])
            .Order()
            .ToList();
        var port = Dockerfile.Load().FinalStage.EnvironmentValue("ASPNETCORE_HTTP_PORTS");

        port.ShouldNotBeNull();
        servers.ShouldBe(ComposeFile.Load().WebNodeNames.Select(name => $"{name}:{port}").Order().ToList());
    }

    [Fact]
    public void ForwardedFor_IsSetFromRemoteAddress()
    {
        var headers = NginxConfigText.Arguments(Repository.ReadText(ConfigPath), "proxy_set_header");

        headers.ShouldContain("X-Forwarded-For $remote_addr");
        headers.ShouldNotContain(header => header.Contains("$proxy_add_x_forwarded_for"));
    }
}
