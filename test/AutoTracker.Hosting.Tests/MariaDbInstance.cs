using System.Diagnostics;
using MySql.Data.MySqlClient;

namespace AutoTracker.Hosting;

/// <summary>
/// A MariaDB server of its own on a free loopback port, with its data in a temporary folder, that a test can
/// stop and start again. Used where stopping the shared test server would break the tests that run beside.
/// </summary>
public sealed class MariaDbInstance : IAsyncDisposable
{
    private const string User = "autotracker";
    private const string Password = "outage-test-password-1";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "autotracker-mariadb", Guid.NewGuid().ToString("N"));
    private readonly ProcessOutputTail _output = new(maxLines: 100);
    private Process? _server;

    public int Port { get; } = WebAppProcess.FreePort();

    public string DatabaseName => "autotracker";

    public string ConnectionString =>
        $"Server=127.0.0.1;Port={Port};Database={DatabaseName};User ID={User};Password={Password};SslMode=Disabled";

    private string Socket => Path.Combine(_folder, "mysqld.sock");

    /// <summary>Initializes a data folder, starts the server and creates the application's user and database.</summary>
    public static async Task<MariaDbInstance> StartNewAsync()
    {
        var instance = new MariaDbInstance();
        Directory.CreateDirectory(instance._folder);
        await RunAsync("mariadb-install-db", "--user=" + Environment.UserName, "--datadir=" + Path.Combine(instance._folder, "data"),
            "--auth-root-authentication-method=socket", "--skip-test-db");
        await instance.StartAsync();
        await RunAsync("mariadb", "--socket=" + instance.Socket, "-uroot", "-e",
            $"CREATE DATABASE {instance.DatabaseName} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci; " +
            $"CREATE USER '{User}'@'127.0.0.1' IDENTIFIED BY '{Password}'; " +
            $"GRANT ALL PRIVILEGES ON {instance.DatabaseName}.* TO '{User}'@'127.0.0.1';");
        return instance;
    }

    /// <summary>Starts the server on its data folder and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(ServerBinary(),
        [
            "--no-defaults", "--user=" + Environment.UserName, "--datadir=" + Path.Combine(_folder, "data"),
            "--bind-address=127.0.0.1", "--port=" + Port, "--socket=" + Socket, "--pid-file=" + Path.Combine(_folder, "mysqld.pid"),
            "--skip-name-resolve", "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
            "--innodb-buffer-pool-size=64M", "--log-error=" + Path.Combine(_folder, "error.log"),
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _server = Process.Start(start) ?? throw new InvalidOperationException("mariadbd did not start.");
        _server.OutputDataReceived += (_, e) => _output.Add("out: ", e.Data);
        _server.ErrorDataReceived += (_, e) => _output.Add("err: ", e.Data);
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_server.HasExited)
            {
                throw new InvalidOperationException($"mariadbd exited with code {_server.ExitCode}:{Environment.NewLine}{_output}{Environment.NewLine}{ErrorLog()}");
            }

            if (await RunAsync(throwOnFailure: false, "mariadb-admin", "--socket=" + Socket, "-uroot", "ping") == 0)
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"mariadbd did not accept connections within 60 seconds:{Environment.NewLine}{ErrorLog()}");
    }

    /// <summary>Kills the server without a clean shutdown, as a crash or a lost host would, and waits for it to exit.</summary>
    public async Task KillAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill();
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
        _server = null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        MySqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's cleanup.
        }
    }

    private string ErrorLog()
    {
        var path = Path.Combine(_folder, "error.log");
        return File.Exists(path) ? File.ReadAllText(path) : "(no error log)";
    }

    private static string ServerBinary() =>
        File.Exists("/usr/sbin/mariadbd") ? "/usr/sbin/mariadbd" : "mariadbd";

    private static Task RunAsync(string program, params string[] arguments) => RunAsync(throwOnFailure: true, program, arguments);

    private static async Task<int> RunAsync(bool throwOnFailure, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (throwOnFailure && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed with exit code {process.ExitCode}: {await output}{await error}");
        }

        return process.ExitCode;
    }
}
