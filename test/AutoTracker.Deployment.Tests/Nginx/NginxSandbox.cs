namespace AutoTracker.Deployment.Nginx;

/// <summary>
/// A temporary nginx prefix whose conf/ folder is laid out like /etc/nginx in the nginx image, as
/// docker-compose.yml mounts it. conf/nginx.conf is the tests' stand-in for the image's main file, conf/conf.d/
/// has the files of etc/nginx, and conf/certs/ has a self-signed certificate that openssl makes for the test.
/// </summary>
/// <remarks>
/// nginx resolves the upstream names web1 and web2 while it reads the configuration. Every nginx command runs in
/// a new mount namespace (unshare --mount) in which the sandbox's own hosts file is bind-mounted over /etc/hosts,
/// so those names resolve to 127.0.0.1 there while the machine's /etc/hosts stays unchanged.
/// </remarks>
internal sealed class NginxSandbox : IDisposable
{
    public const string NginxPath = "/usr/sbin/nginx";

    /// <summary>The public host name substituted into etc/nginx/templates, as AUTOTRACKER_PUBLIC_HOST is in the stack.</summary>
    public const string PublicHost = "autotracker.test";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private NginxSandbox(string prefix)
    {
        Prefix = prefix;
    }

    /// <summary>Folder passed to nginx -p; it ends with a slash, as nginx expects.</summary>
    public string Prefix { get; }

    public string ConfigFolder => Path.Combine(Prefix, "conf");

    public string HostsFile => Path.Combine(Prefix, "hosts");

    /// <summary>Creates the sandbox with a hosts file in which each of <paramref name="upstreamHosts"/> is 127.0.0.1.</summary>
    /// <exception cref="InvalidOperationException">nginx or openssl is missing, or openssl failed.</exception>
    public static async Task<NginxSandbox> CreateAsync(IEnumerable<string> upstreamHosts)
    {
        if (!File.Exists(NginxPath))
        {
            throw new InvalidOperationException(
                $"nginx is not installed at {NginxPath}. Install Debian's nginx package (etc/scripts/test.sh does) and run the tests again.");
        }

        var prefix = Path.Combine(Path.GetTempPath(), "autotracker-nginx-" + Guid.NewGuid().ToString("N")) + Path.DirectorySeparatorChar;
        var sandbox = new NginxSandbox(prefix);
        try
        {
            await sandbox.LayOutAsync(upstreamHosts);
            return sandbox;
        }
        catch
        {
            sandbox.Dispose();
            throw;
        }
    }

    /// <summary>Runs nginx -t on the configuration as it is in the sandbox.</summary>
    public Task<ProcessResult> TestConfigurationAsync() =>
        RunInNamespaceAsync($"exec {NginxPath} -t {NginxArguments}", isolateNetwork: false);

    /// <summary>
    /// Runs a bash script in the sandbox's mount namespace. With <paramref name="isolateNetwork"/> the script also
    /// gets a network namespace of its own, with only a loopback interface, so the servers that it starts are
    /// reachable from nowhere else and ports 80 and 443 are free.
    /// </summary>
    public Task<ProcessResult> RunInNamespaceAsync(string script, bool isolateNetwork)
    {
        var arguments = new List<string>();
        if (!Environment.IsPrivilegedProcess)
        {
            // Without root, a user namespace in which this user is root allows the mount namespace.
            arguments.AddRange(["--user", "--map-root-user"]);
        }

        arguments.Add("--mount");
        if (isolateNetwork)
        {
            arguments.Add("--net");
        }

        var prologue = $"set -euo pipefail\nmount --bind {Quote(HostsFile)} /etc/hosts\n";
        arguments.AddRange(["bash", "-c", prologue + script]);
        return ProcessRunner.RunAsync("unshare", arguments, CommandTimeout);
    }

    /// <summary>Arguments that point nginx at the sandbox: its prefix, its main file, and errors before the configuration is read to stderr.</summary>
    public string NginxArguments => $"-p {Quote(Prefix)} -c conf/nginx.conf -e stderr";

    public string ReadLog(string name)
    {
        var path = Path.Combine(Prefix, "logs", name);
        return File.Exists(path) ? File.ReadAllText(path) : string.Empty;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Prefix, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's cleanup.
        }
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''") + "'";

    private async Task LayOutAsync(IEnumerable<string> upstreamHosts)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The nginx tests need Linux, because they run nginx under unshare.");
        }

        var confD = Path.Combine(ConfigFolder, "conf.d");
        var certs = Path.Combine(ConfigFolder, "certs");
        foreach (var folder in new[] { confD, certs, Path.Combine(ConfigFolder, "test.d"), Path.Combine(Prefix, "logs"), Path.Combine(Prefix, "temp") })
        {
            Directory.CreateDirectory(folder);
        }

        // nginx's worker processes run as the user "nobody" and must reach the temp folders under the prefix.
        File.SetUnixFileMode(
            Prefix,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        foreach (var file in Directory.GetFiles(Repository.PathOf("etc/nginx"), "*.conf"))
        {
            File.Copy(file, Path.Combine(confD, Path.GetFileName(file)));
        }

        // What the nginx image does at start with etc/nginx/templates and NGINX_ENVSUBST_OUTPUT_DIR.
        var publicFolder = Path.Combine(ConfigFolder, "public");
        Directory.CreateDirectory(publicFolder);
        foreach (var template in Directory.GetFiles(Repository.PathOf("etc/nginx/templates"), "*.template"))
        {
            var text = (await File.ReadAllTextAsync(template)).Replace("${AUTOTRACKER_PUBLIC_HOST}", PublicHost, StringComparison.Ordinal);
            await File.WriteAllTextAsync(Path.Combine(publicFolder, Path.GetFileNameWithoutExtension(template)), text);
        }

        File.Copy(Path.Combine(AppContext.BaseDirectory, "Nginx", "nginx.conf"), Path.Combine(ConfigFolder, "nginx.conf"));
        var hosts = string.Join('\n', upstreamHosts.Prepend("localhost").Select(name => $"127.0.0.1 {name}"));
        await File.WriteAllTextAsync(HostsFile, hosts + "\n");

        var openssl = await ProcessRunner.RunAsync(
            "openssl",
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=autotracker.test",
             "-keyout", Path.Combine(certs, "privkey.pem"), "-out", Path.Combine(certs, "fullchain.pem")],
            CommandTimeout);
        if (openssl.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl could not create the test certificate: {openssl}");
        }
    }
}
