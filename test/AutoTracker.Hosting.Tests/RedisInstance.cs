using System.Diagnostics;
using System.Net.Sockets;

namespace AutoTracker.Hosting;

/// <summary>A Redis server of its own on a free loopback port, without persistence, that a test can kill.</summary>
public sealed class RedisInstance : IAsyncDisposable
{
    private readonly Process _server;
    private bool _disposed;

    private RedisInstance(Process server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Starts redis-server and waits until its port accepts connections.</summary>
    public static async Task<RedisInstance> StartAsync()
    {
        var port = WebAppProcess.FreePort();
        var start = new ProcessStartInfo("redis-server", ["--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var server = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();

        var instance = new RedisInstance(server, port);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return instance;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        await instance.DisposeAsync();
        throw new TimeoutException($"redis-server did not listen on port {port} within 20 seconds.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_server.HasExited)
        {
            _server.Kill();
            await _server.WaitForExitAsync();
        }

        _server.Dispose();
    }
}
