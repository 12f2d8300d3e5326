namespace AutoTracker.MultiTenancy;

/// <summary>
/// The databases of tenants that keep their data apart from the shared database: checking, encrypting, migrating
/// and opening them. Host-side code uses it; the database layer implements it.
/// </summary>
public interface ITenantDatabaseManager
{
    /// <summary>
    /// Checks a tenant connection string and connects with it, and rejects the shared database and the database of
    /// any tenant other than <paramref name="tenantId"/>. Returns the string in the form the application stores, or
    /// throws an <see cref="Domain.InputValidationException"/> for <paramref name="field"/> whose message names the
    /// problem without repeating the string or its password.
    /// </summary>
    Task<string> CheckConnectionStringAsync(string connectionString, string field, Guid? tenantId, CancellationToken cancellationToken);

    /// <summary>Encrypts a checked connection string for <c>Tenant.ProtectedConnectionString</c>.</summary>
    string Protect(string connectionString);

    /// <summary>
    /// Decrypts a stored connection string and masks its secrets, for display to host admins. Returns null when the
    /// Data Protection key that encrypted it is not in the key ring.
    /// </summary>
    string? Mask(string protectedConnectionString);

    /// <summary>Applies the migrations to the host database, creating a SQLite file and its folder when missing.</summary>
    Task MigrateHostAsync(CancellationToken cancellationToken);

    /// <summary>Applies the migrations to the stored own database of a tenant; its host-only tables are left out.</summary>
    Task MigrateTenantAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>Applies the migrations to a tenant's own database; its host-only tables are left out.</summary>
    Task MigrateAsync(string connectionString, CancellationToken cancellationToken);

    /// <summary>
    /// Applies the migrations to a database that a host admin has just named, as <see cref="MigrateAsync"/> does. A
    /// failure that the connection string causes (missing rights, unknown database) throws an
    /// <see cref="Domain.InputValidationException"/> for <paramref name="field"/> that names the kind of failure.
    /// </summary>
    Task MigrateAsync(string connectionString, string field, CancellationToken cancellationToken);

    /// <summary>
    /// Names the kind of database failure in <paramref name="exception"/> for a log line, such as "access denied",
    /// without server, user or password; returns the exception's type name when the provider does not know it.
    /// </summary>
    string DescribeFailure(Exception exception);

    /// <summary>
    /// Runs <paramref name="work"/> for <paramref name="tenantId"/> (null for the host) in a new service scope whose
    /// database is the tenant's: <paramref name="connectionString"/> when given (a tenant not saved yet, or a
    /// database being changed), else the stored one, else the shared database.
    /// </summary>
    Task<T> RunInTenantScopeAsync<T>(
        Guid? tenantId,
        string? connectionString,
        Func<IServiceProvider, CancellationToken, Task<T>> work,
        CancellationToken cancellationToken);

    /// <summary>Forgets what this node cached about the tenant's database, after the host changed it.</summary>
    void Forget(Guid tenantId);
}

/// <summary>
/// The one way host-side code reads inside a tenant. Each use writes a <c>CrossTenantAccessRecord</c> in the
/// host database before the read, naming the host user, the tenant and the purpose. Search for
/// <c>ReadInTenantAsync</c> to review every cross-tenant read.
/// </summary>
public interface ICrossTenantAccess
{
    /// <summary>
    /// Records the access, then runs <paramref name="read"/> in a service scope of the tenant, where the tenant
    /// filter shows that tenant's rows only. Throws when called inside a tenant.
    /// </summary>
    Task<T> ReadInTenantAsync<T>(
        Guid tenantId,
        string purpose,
        Func<IServiceProvider, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken);
}
