using AutoTracker.MultiTenancy;
using Microsoft.EntityFrameworkCore.Diagnostics;
using System.Data.Common;

namespace AutoTracker.EntityFrameworkCore.MultiTenancy;

/// <summary>
/// Chooses the database of a service scope's <see cref="AutoTrackerDbContext"/>: the own database of the tenant
/// current when the context is created, else the host database. The context stays on that database; using it
/// afterwards for a tenant whose data is elsewhere is a programming error, which <see cref="TenantDatabaseGuard"/>
/// turns into an exception before any connection opens.
/// </summary>
public sealed class TenantDatabaseBinding(ICurrentTenant currentTenant, TenantConnectionStrings connectionStrings, HostConnectionString hostConnectionString)
{
    private (Guid TenantId, string ConnectionString)? _override;

    /// <summary>The connection string the scope's context uses, or null before the context is created.</summary>
    public string? ConnectionString { get; private set; }

    /// <summary>The tenant whose own database the context uses, or null when it uses the host database.</summary>
    public Guid? TenantOfDatabase { get; private set; }

    /// <summary>True when the scope's context uses the host database.</summary>
    public bool IsHostDatabase => ConnectionString is not null && TenantOfDatabase is null;

    /// <summary>
    /// Makes <paramref name="tenantId"/> use <paramref name="connectionString"/> in this scope, whatever is stored: for a
    /// tenant not saved yet, or one whose database is being changed. Set before the scope's context is created.
    /// </summary>
    public void Override(Guid tenantId, string connectionString)
    {
        if (ConnectionString is not null)
        {
            throw new InvalidOperationException("The scope's DbContext already exists; set the tenant's database before the first use.");
        }

        _override = (tenantId, connectionString);
    }

    /// <summary>Binds the scope to the current tenant's database and returns its connection string.</summary>
    public string Bind()
    {
        if (ConnectionString is not null)
        {
            throw new InvalidOperationException("A service scope has one AutoTrackerDbContext; it is already bound.");
        }

        var tenantId = currentTenant.Id;
        var own = OwnConnectionString(tenantId);
        ConnectionString = own ?? hostConnectionString.Value;
        TenantOfDatabase = own is null ? null : tenantId;
        return ConnectionString;
    }

    /// <summary>Throws when the current tenant's data is in another database than the one the scope is bound to.</summary>
    public void EnsureCurrentTenantMatches()
    {
        if (ConnectionString is null)
        {
            return;
        }

        var tenantId = currentTenant.Id;
        var expected = OwnConnectionString(tenantId) ?? hostConnectionString.Value;
        if (!string.Equals(expected, ConnectionString, StringComparison.Ordinal))
        {
            var bound = TenantOfDatabase is { } owner ? $"the own database of tenant {owner}" : "the host database";
            var current = tenantId is { } id ? $"tenant {id}" : "the host";
            throw new InvalidOperationException(
                $"This service scope's DbContext uses {bound}, but the current tenant is {current}, whose data is elsewhere. Run the work in a scope of its own (ITenantDatabaseManager.RunInTenantScopeAsync).");
        }
    }

    private string? OwnConnectionString(Guid? tenantId) =>
        _override is { } pinned && tenantId == pinned.TenantId ? pinned.ConnectionString : connectionStrings.Find(tenantId);
}

/// <summary>Checks, before every connection of a scope's DbContext opens, that the current tenant's data is in that database.</summary>
public sealed class TenantDatabaseGuard(TenantDatabaseBinding binding) : DbConnectionInterceptor
{
    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        binding.EnsureCurrentTenantMatches();
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        binding.EnsureCurrentTenantMatches();
        return ValueTask.FromResult(result);
    }
}
