using Microsoft.EntityFrameworkCore;

namespace AutoTracker.EntityFrameworkCore;

/// <summary>
/// What differs between the database engines the application runs on (SQLite, MySQL): how a DbContext is
/// configured for a connection string, and how a tenant's own connection string is checked and shown.
/// </summary>
public interface IDatabaseProvider
{
    /// <summary>Configures the engine, its migrations assembly and its fixes for <paramref name="connectionString"/>.</summary>
    void Configure(DbContextOptionsBuilder options, string connectionString);

    /// <summary>
    /// Checks a connection string for a tenant's own database and returns it in the form the application stores.
    /// Throws <see cref="TenantConnectionStringException"/> when the string is malformed or unsafe.
    /// </summary>
    string PrepareTenantConnectionString(string connectionString);

    /// <summary>Returns the connection string with every secret in it replaced by a mask.</summary>
    string Mask(string connectionString);

    /// <summary>
    /// Connects and reads from the database, then returns its identity: a text that is equal for two connection
    /// strings that reach the same database, however they spell it. Throws <see cref="TenantConnectionStringException"/>
    /// with a message safe to show to a host admin when that fails.
    /// </summary>
    Task<string> TestConnectionAsync(string connectionString, CancellationToken cancellationToken);

    /// <summary>Creates what the first connection needs, such as the folder of a SQLite file.</summary>
    void PrepareStorage(string connectionString);

    /// <summary>
    /// Returns the connection string with pooling turned off, for migrations: a lock that a failed migration leaves
    /// on its connection (MySQL's <c>GET_LOCK</c>) then ends when the connection closes.
    /// </summary>
    string WithoutPooling(string connectionString);

    /// <summary>
    /// Names the kind of failure when <paramref name="exception"/> (or an exception in its chain) comes from the
    /// database rejecting the connection string, such as missing rights or an unknown database. Returns null for
    /// any other failure. The text names no server, user or password.
    /// </summary>
    string? DescribeFailure(Exception exception);
}

/// <summary>A tenant connection string that cannot be used; the message names the problem and never contains the string.</summary>
public sealed class TenantConnectionStringException(string message) : Exception(message);

/// <summary>The connection string of the host database, which also contains the data of tenants without a database of their own.</summary>
public sealed record HostConnectionString(string Value);
