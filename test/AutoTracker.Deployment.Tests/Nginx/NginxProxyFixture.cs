using System.Text;
using AutoTracker.Vehicles;

namespace AutoTracker.Deployment.Nginx;

/// <summary>
/// Starts nginx with the shipped configuration in a sandbox with its own network namespace, where web1 and web2
/// resolve to an echo server (upstream-echo.conf) on 127.0.0.1:8080, sends the requests of <see cref="Requests"/>
/// with curl, and keeps each response for the tests to read. Nothing listens outside that namespace.
/// </summary>
public sealed class NginxProxyFixture : IAsyncLifetime
{
    public const string PublicHost = NginxSandbox.PublicHost;

    /// <summary>Largest body that nginx must let through: its own limit, at least the app's largest import request.</summary>
    public const long LargestBodyBytes = 4 * 1024 * 1024;

    private static readonly (string Name, string CurlArguments)[] Requests =
    [
        ("forwarded", "-H 'X-Forwarded-For: 203.0.113.7' -H 'X-Forwarded-Proto: http' -H 'X-Forwarded-Host: attacker.example' " +
                      "-H 'X-Forwarded-Prefix: /attacker' -H 'X-Real-IP: 203.0.113.7' -H 'Forwarded: for=203.0.113.7' " +
                      $"'https://{PublicHost}/Vehicles?page=2'"),
        ("underscore", $"-H 'X_Api_Version: 2' 'https://{PublicHost}/'"),
        ("plain-http", $"'http://{PublicHost}/Vehicles?page=2'"),
        ("plain-http-foreign-host", $"-H 'Host: attacker.example' 'http://{PublicHost}/Vehicles?page=2'"),
        ("health", $"'https://{PublicHost}/health'"),
        ("largest-body", $"--data-binary @bodies/largest -H 'Content-Type: application/octet-stream' 'https://{PublicHost}/api/app/vehicle-imports'"),
        ("too-large-body", $"--data-binary @bodies/too-large -H 'Content-Type: application/octet-stream' 'https://{PublicHost}/api/app/vehicle-imports'"),
        ("static-asset", $"-H 'Accept-Encoding: gzip' 'https://{PublicHost}/lib/site.css'"),
        ("page", $"-H 'Accept-Encoding: gzip' 'https://{PublicHost}/page'"),
    ];

    private readonly Dictionary<string, HttpExchange> _responses = [];
    private NginxSandbox? _sandbox;

    /// <summary>Returns the response to the request of that name.</summary>
    public HttpExchange Response(string name) => _responses[name];

    public async Task InitializeAsync()
    {
        ImportLimits.MaxRequestBytes.ShouldBeLessThanOrEqualTo(LargestBodyBytes);
        _sandbox = await NginxSandbox.CreateAsync(["web1", "web2"]);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Nginx", "upstream-echo.conf"), Path.Combine(_sandbox.ConfigFolder, "test.d", "upstream-echo.conf"));
        WriteContent(_sandbox.Prefix);

        var result = await _sandbox.RunInNamespaceAsync(Script(_sandbox), isolateNetwork: true);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"The proxy test script failed: {result}{Environment.NewLine}error.log:{Environment.NewLine}{_sandbox.ReadLog("error.log")}");
        }

        foreach (var section in result.StandardOutput.Split("### ", StringSplitOptions.RemoveEmptyEntries))
        {
            var newline = section.IndexOf('\n');
            _responses[section[..newline].Trim()] = HttpExchange.Parse(section[(newline + 1)..]);
        }
    }

    public Task DisposeAsync()
    {
        _sandbox?.Dispose();
        return Task.CompletedTask;
    }

    private static void WriteContent(string prefix)
    {
        var lib = Path.Combine(prefix, "html", "lib");
        var bodies = Path.Combine(prefix, "bodies");
        Directory.CreateDirectory(lib);
        Directory.CreateDirectory(bodies);

        // Both files are larger than gzip_min_length, so only the location decides whether they are compressed.
        var css = new StringBuilder();
        var html = new StringBuilder("<!DOCTYPE html><html><body>");
        for (var i = 0; i < 200; i++)
        {
            css.Append(".rule-").Append(i).Append(" { margin: 0; padding: 0; }\n");
            html.Append("<p>Row ").Append(i).Append("</p>\n");
        }

        File.WriteAllText(Path.Combine(lib, "site.css"), css.ToString());
        File.WriteAllText(Path.Combine(prefix, "html", "page.html"), html.Append("</body></html>").ToString());
        File.WriteAllBytes(Path.Combine(bodies, "largest"), new byte[LargestBodyBytes]);
        File.WriteAllBytes(Path.Combine(bodies, "too-large"), new byte[LargestBodyBytes + 1]);
    }

    private static string Script(NginxSandbox sandbox)
    {
        var script = new StringBuilder();
        script.AppendLine($"cd '{sandbox.Prefix}'");
        script.AppendLine("ip link set lo up");
        script.AppendLine($"{NginxSandbox.NginxPath} {sandbox.NginxArguments} -g 'daemon off;' &");
        script.AppendLine("nginx_pid=$!");
        script.AppendLine("trap 'kill $nginx_pid; wait $nginx_pid || true' EXIT");
        // nginx writes its pid file after it has opened its listening sockets.
        script.AppendLine("for _ in $(seq 1 100); do [ -s nginx.pid ] && break; kill -0 $nginx_pid; sleep 0.1; done");
        script.AppendLine("[ -s nginx.pid ]");
        foreach (var (name, curlArguments) in Requests)
        {
            script.AppendLine($"echo '### {name}'");
            script.AppendLine(
                $"curl --silent --show-error --insecure --max-time 20 --resolve {PublicHost}:443:127.0.0.1 --resolve {PublicHost}:80:127.0.0.1 " +
                $"--dump-header - {curlArguments}");
        }

        return script.ToString();
    }
}
