using AutoTracker.MultiTenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.EntityFrameworkCore.MultiTenancy;

/// <summary>
/// Creates DbContexts on the host database whichever tenant is current, for the tables of <see cref="IHostOnly"/>
/// entities (tenants above all), which exist there only.
/// </summary>
public sealed class HostDbContextFactory(
    IDatabaseProvider provider,
    HostConnectionString connectionString,
    ICurrentTenant currentTenant,
    TimeProvider timeProvider)
{
    private readonly Lazy<DbContextOptions<AutoTrackerDbContext>> _options = new(() =>
    {
        var builder = new DbContextOptionsBuilder<AutoTrackerDbContext>();
        provider.Configure(builder, connectionString.Value);

        // Saves stamp times and concurrency stamps here as in every other context.
        builder.AddInterceptors(new AuditPropertiesInterceptor(currentTenant, timeProvider));
        return builder.Options;
    });

    /// <summary>A new context on the host database, to be disposed by the caller.</summary>
    public AutoTrackerDbContext Create() => new(_options.Value, currentTenant);
}

/// <summary>
/// The host database for one service scope. Sign-in, tenant resolution and limit checks read the tenants table
/// here, because the scope's own <see cref="AutoTrackerDbContext"/> may be on a tenant's database.
/// </summary>
/// <remarks>
/// When the scope's context is already bound to the host database, <see cref="Context"/> is that context, so that
/// host-only changes join the scope's unit of work and transaction (tenant creation saves the tenant, its roles and
/// its admin together) and no second connection opens. An unbound scope context is never created here, because
/// creating it binds it to the tenant current now, before tenant resolution has set the request's tenant.
/// </remarks>
public sealed class HostDatabase(HostDbContextFactory factory, TenantDatabaseBinding binding, IServiceProvider scopeServices)
    : IAsyncDisposable, IDisposable
{
    private AutoTrackerDbContext? _ownContext;

    /// <summary>A context on the host database: the scope's own when it is bound there, else one created on first use.</summary>
    public AutoTrackerDbContext Context => binding.IsHostDatabase
        ? scopeServices.GetRequiredService<AutoTrackerDbContext>()
        : _ownContext ??= factory.Create();

    public void Dispose() => _ownContext?.Dispose();

    public ValueTask DisposeAsync() => _ownContext?.DisposeAsync() ?? ValueTask.CompletedTask;
}
