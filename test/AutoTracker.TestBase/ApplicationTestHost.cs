using AutoTracker.EntityFrameworkCore;
using AutoTracker.Identity;
using AutoTracker.MultiTenancy;
using AutoTracker.PermissionManagement;
using AutoTracker.TenantManagement;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace AutoTracker;

/// <summary>
/// The application layer wired to a real database (a SQLite file, or MySQL when the run targets it), as the web
/// host wires it, without HTTP.
/// Use one per test class (as an xunit class fixture); every test runs in its own scope and tenant.
/// </summary>
public sealed class ApplicationTestHost : IAsyncLifetime, IDisposable
{
    private readonly TestDatabase _database = TestDatabase.Create();
    private ServiceProvider? _services;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 6, 1, 9, 30, 0, TimeSpan.Zero));

    /// <summary>Counts every SQL command of this host's DbContexts.</summary>
    public DbCommandCounter Commands { get; } = new();

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("The host is not initialized.");

    public TestDatabase Database => _database;

    public string ConnectionString => _database.ConnectionString;

    /// <summary>The folder that receives this host's e-mails as .eml files.</summary>
    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), "autotracker-tests", Guid.NewGuid().ToString("N"), "mail");

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        _database.AddDbContext(services);
        services.ConfigureDbContext<AutoTrackerDbContext>((_, options) => options.AddInterceptors(Commands));
        services.AddDistributedMemoryCache();

        // Tenant connection strings are encrypted; an in-memory key ring serves one test host.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddLocalization();
        services.Configure<PasswordHasherOptions>(IdentitySettings.ConfigureHasher);
        services.AddIdentityCore<AppUser>(IdentitySettings.Configure)
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<AutoTrackerDbContext>()
            .AddPasswordValidator<CommonPasswordValidator>();
        services.AddAutoTrackerApplication();
        services.AddSingleton<TestCurrentUser>();
        services.Replace(ServiceDescriptor.Singleton<ICurrentUser>(sp => sp.GetRequiredService<TestCurrentUser>()));
        services.AddOptions<Seeding.SeedOptions>().Configure(o => o.DemoTenant = false);
        services.Configure<Emailing.EmailOptions>(o => o.DropFolder = MailFolder);
        services.AddSingleton<IAccountLinkBuilder, TestAccountLinkBuilder>();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AutoTrackerDbContext>().Database.MigrateAsync();

        // The host's admin role and its grants, which host-side services check.
        await InTenantAsync(null, sp => sp.GetRequiredService<StaticRoleSeeder>().SeedCurrentAsync(CancellationToken.None));
    }

    /// <summary>Creates a tenant directly in the database, with its static roles and their grants, and returns its id.</summary>
    public async Task<Guid> CreateTenantAsync(string? name = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AutoTrackerDbContext>();
        var tenant = new Tenant(Guid.NewGuid(), name ?? $"t{Guid.NewGuid():N}"[..20]);
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        await InTenantAsync(tenant.Id, sp => sp.GetRequiredService<StaticRoleSeeder>().SeedCurrentAsync(CancellationToken.None));
        return tenant.Id;
    }

    /// <summary>Creates a tenant whose data lives in <paramref name="database"/>, migrated, with its row in the host database.</summary>
    public Task<Guid> CreateTenantWithOwnDatabaseAsync(TestDatabase database, int? maxVehicles = null) =>
        InTenantAsync(null, async sp =>
        {
            var manager = sp.GetRequiredService<ITenantDatabaseManager>();
            var prepared = await manager.CheckConnectionStringAsync(database.ConnectionString, "connectionString", tenantId: null, CancellationToken.None);
            await manager.MigrateAsync(prepared, CancellationToken.None);
            var tenant = new Tenant(Guid.NewGuid(), $"own{Guid.NewGuid():N}"[..20]);
            tenant.SetLimits(maxVehicles, null);
            tenant.SetProtectedConnectionString(manager.Protect(prepared));
            sp.GetRequiredService<Domain.IRepository<Tenant>>().Insert(tenant);
            await sp.GetRequiredService<Domain.IUnitOfWork>().SaveChangesAsync(CancellationToken.None);

            // The static roles and their grants live in the tenant's own database.
            await manager.RunInTenantScopeAsync(
                tenant.Id,
                connectionString: null,
                async (services, ct) =>
                {
                    await services.GetRequiredService<StaticRoleSeeder>().SeedCurrentAsync(ct);
                    return true;
                },
                CancellationToken.None);
            return tenant.Id;
        });

    /// <summary>Runs <paramref name="action"/> in a new DI scope as the given tenant.</summary>
    public async Task<T> InTenantAsync<T>(Guid? tenantId, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        var currentTenant = scope.ServiceProvider.GetRequiredService<ICurrentTenant>();
        using (currentTenant.Change(tenantId))
        {
            return await action(scope.ServiceProvider);
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> in a new DI scope as the given tenant, with <paramref name="userId"/> signed in
    /// as a member of the static admin role, which holds every permission of its side.
    /// </summary>
    public Task<T> AsUserAsync<T>(Guid? tenantId, Guid userId, Func<IServiceProvider, Task<T>> action) =>
        AsUserAsync(tenantId, userId, [StaticRoleNames.Admin], action);

    /// <summary>Runs <paramref name="action"/> in a new DI scope as the given tenant, with <paramref name="userId"/> signed in with <paramref name="roles"/>.</summary>
    public Task<T> AsUserAsync<T>(Guid? tenantId, Guid userId, IReadOnlyList<string> roles, Func<IServiceProvider, Task<T>> action) =>
        InTenantAsync(tenantId, async sp =>
        {
            using (sp.GetRequiredService<TestCurrentUser>().Change(userId, tenantId, [.. roles]))
            {
                return await action(sp);
            }
        });

    public Task AsUserAsync(Guid? tenantId, Guid userId, IReadOnlyList<string> roles, Func<IServiceProvider, Task> action) =>
        AsUserAsync<object?>(tenantId, userId, roles, async sp =>
        {
            await action(sp);
            return null;
        });

    /// <summary>Runs <paramref name="action"/> as a user of the tenant's admin role, for tests about something other than permissions.</summary>
    public Task<T> AsAdminAsync<T>(Guid? tenantId, Func<IServiceProvider, Task<T>> action) => AsUserAsync(tenantId, AdminUserId, action);

    public Task AsAdminAsync(Guid? tenantId, Func<IServiceProvider, Task> action) =>
        AsAdminAsync<object?>(tenantId, async sp =>
        {
            await action(sp);
            return null;
        });

    /// <summary>The id that <see cref="AsAdminAsync{T}"/> signs in with; no user row has it.</summary>
    public Guid AdminUserId { get; } = Guid.NewGuid();

    public Task InTenantAsync(Guid? tenantId, Func<IServiceProvider, Task> action) =>
        InTenantAsync<object?>(tenantId, async sp =>
        {
            await action(sp);
            return null;
        });

    public Task DisposeAsync() => _services?.DisposeAsync().AsTask() ?? Task.CompletedTask;

    public void Dispose()
    {
        _database.Dispose();
        if (Directory.Exists(MailFolder))
        {
            Directory.Delete(MailFolder, recursive: true);
        }
    }

    /// <summary>Builds set-password links on a fixed test address.</summary>
    private sealed class TestAccountLinkBuilder : IAccountLinkBuilder
    {
        public Uri BuildSetPasswordLink(Guid? tenantId, Guid userId, string kind, string token) =>
            new($"https://autotracker.test/Account/SetPassword?tenantId={tenantId:N}&userId={userId:N}&kind={kind}&token={Uri.EscapeDataString(token)}");
    }
}
