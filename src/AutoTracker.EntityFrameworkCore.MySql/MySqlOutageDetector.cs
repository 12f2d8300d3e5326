using System.Net.Sockets;
using MySql.Data.MySqlClient;

namespace AutoTracker.EntityFrameworkCore.MySql;

/// <summary>
/// Recognizes an unreachable MySQL or MariaDB server anywhere in an exception's chain: MySql.Data's connect
/// failure, the server errors that mean it is going away, and socket or stream errors below them. A database that
/// rejects the stored user or no longer exists counts too, because a host admin has to fix it and a retry may
/// succeed then.
/// </summary>
public sealed class MySqlOutageDetector : IDatabaseOutageDetector
{
    private static readonly HashSet<int> OutageErrorNumbers =
    [
        1040, // ER_CON_COUNT_ERROR: too many connections
        1044, // ER_DBACCESS_DENIED_ERROR: the user's rights on the database were revoked
        1045, // ER_ACCESS_DENIED_ERROR: the user or its password was changed
        1049, // ER_BAD_DB_ERROR: the database was dropped
        1042, // unable to connect to any of the hosts (MySql.Data) or ER_BAD_HOST_ERROR
        1053, // ER_SERVER_SHUTDOWN
        1927, // ER_CONNECTION_KILLED (MariaDB)
        2006, // CR_SERVER_GONE_ERROR
        2013, // CR_SERVER_LOST
    ];

    public bool IsOutage(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case MySqlException mysql when OutageErrorNumbers.Contains(mysql.Number):
                case MySqlException mysqlWithIo when mysqlWithIo.InnerException is SocketException or IOException or TimeoutException:
                case SocketException:
                case EndOfStreamException:
                    return true;
            }
        }

        return false;
    }
}
