using AutoTracker.MultiTenancy;
using Microsoft.EntityFrameworkCore;

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
public sealed class HostDatabase(HostDbContextFactory factory) : IAsyncDisposable, IDisposable
{
    private AutoTrackerDbContext? _context;

    /// <summary>The scope's context on the host database, created on first use.</summary>
    public AutoTrackerDbContext Context => _context ??= factory.Create();

    public void Dispose() => _context?.Dispose();

    public ValueTask DisposeAsync() => _context?.DisposeAsync() ?? ValueTask.CompletedTask;
}
