using System.Net.Sockets;
using MySql.Data.MySqlClient;

namespace AutoTracker.EntityFrameworkCore.MySql;

/// <summary>
/// Checks that a MySQL or MariaDB server responds at a connection string's Server and Port before MySql.Data
/// connects. MySql.Data's Connect Timeout covers the TCP connect only, and its async methods ignore cancellation,
/// so a port that accepts connections and then stays silent would hold a request forever.
/// </summary>
internal static class MySqlGreetingProbe
{
    /// <summary>The upper bound on the TCP connect plus the server's first packet.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    // The first packet of the MySQL client/server protocol is the server's handshake: version 10, or an error
    // packet (0xFF) when the server turns the client away, for example with too many connections.
    private const byte HandshakeProtocolVersion = 10;
    private const byte ErrorPacket = 0xFF;

    /// <summary>Throws <see cref="TenantConnectionStringException"/> unless the server's first packet is a handshake or an error packet.</summary>
    public static async Task ProbeAsync(MySqlConnectionStringBuilder builder, CancellationToken cancellationToken)
    {
        var wait = builder.ConnectionTimeout is > 0 and < 5 ? TimeSpan.FromSeconds(builder.ConnectionTimeout) : MaxWait;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);

        var header = new byte[5];
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(builder.Server.Trim(), (int)builder.Port, timeout.Token);
            await client.GetStream().ReadExactlyAsync(header, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TenantConnectionStringException(
                $"No MySQL server answered at Server and Port within {wait.TotalSeconds:0} s. Check that they name a MySQL or MariaDB server.");
        }
        catch (SocketException)
        {
            throw new TenantConnectionStringException("The database server cannot be reached.");
        }
        catch (IOException)
        {
            throw new TenantConnectionStringException(
                "The server at Server and Port closed the connection without a MySQL greeting. Check that they name a MySQL or MariaDB server.");
        }

        // A packet starts with a 3-byte little-endian payload length and a 1-byte sequence number, 0 for the first.
        var payloadLength = header[0] | (header[1] << 8) | (header[2] << 16);
        if (payloadLength == 0 || header[3] != 0 || header[4] is not (HandshakeProtocolVersion or ErrorPacket))
        {
            throw new TenantConnectionStringException(
                "The server at Server and Port is not a MySQL or MariaDB server: its first packet is not a MySQL handshake.");
        }
    }
}
