using System.Globalization;
using AutoTracker.Domain;
using MySql.Data.MySqlClient;

namespace AutoTracker.EntityFrameworkCore.MySql;

/// <summary>
/// MySQL's named locks (GET_LOCK). A lock belongs to the session that took it, so each holder keeps a connection
/// of its own open until it releases the lock. If the process dies, the server releases the lock with the session.
/// </summary>
public sealed class MySqlDatabaseLock(string connectionString) : IDatabaseLock
{
    private const string Prefix = "autotracker:";

    public async Task<IAsyncDisposable> AcquireAsync(string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var lockName = Prefix + name;
        var connection = new MySqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT GET_LOCK(@name, @seconds)";
            command.Parameters.AddWithValue("@name", lockName);
            command.Parameters.AddWithValue("@seconds", (int)Math.Ceiling(timeout.TotalSeconds));
            command.CommandTimeout = (int)Math.Ceiling(timeout.TotalSeconds) + 5;
            var result = await command.ExecuteScalarAsync(cancellationToken);
            if (result is null or DBNull || Convert.ToInt64(result, CultureInfo.InvariantCulture) != 1)
            {
                throw new TimeoutException($"The database lock '{lockName}' was not free within {timeout.TotalSeconds} seconds.");
            }

            return new Handle(connection, lockName);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Handle(MySqlConnection connection, string lockName) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT RELEASE_LOCK(@name)";
                command.Parameters.AddWithValue("@name", lockName);
                await command.ExecuteScalarAsync();
            }
            finally
            {
                // Closing the session releases the lock too, should the statement above have failed.
                await connection.DisposeAsync();
            }
        }
    }
}
