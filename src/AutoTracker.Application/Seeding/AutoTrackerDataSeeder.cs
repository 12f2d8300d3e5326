using System.Security.Cryptography;
using AutoTracker.Domain;
using AutoTracker.Identity;
using AutoTracker.MultiTenancy;
using AutoTracker.TenantManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoTracker.Seeding;

/// <summary>
/// Creates what a fresh installation needs: the host admin and, when enabled, the demo tenant with its admin
/// and vehicles. Running it again changes nothing that already exists.
/// </summary>
public sealed partial class AutoTrackerDataSeeder(
    UserManager<AppUser> userManager,
    IRepository<Tenant> tenants,
    IQueryExecutor executor,
    IUnitOfWork unitOfWork,
    ICurrentTenant currentTenant,
    DemoVehicleSeeder demoVehicles,
    PermissionManagement.StaticRoleSeeder staticRoles,
    TenantNameManager tenantNames,
    IDatabaseLock databaseLock,
    IOptions<SeedOptions> options,
    ILogger<AutoTrackerDataSeeder> logger)
{
    public const string AdminUserName = "admin";

    private static readonly TimeSpan SeedLockTimeout = TimeSpan.FromMinutes(5);

    // No 0/O, 1/l/I, so a generated password can be typed from the file without mistakes.
    private const string PasswordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>Seeds under a database lock, so nodes that start together on an empty database create each row once.</summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        // The host's rows have a null TenantId, which unique indexes do not compare, so only the lock keeps
        // parallel seeds from creating two host admin roles.
        await using (await databaseLock.AcquireAsync("seed", SeedLockTimeout, cancellationToken))
        {
            await SeedLockedAsync(cancellationToken);
            await staticRoles.SeedHostAndTenantsAsync(cancellationToken);
        }
    }

    private async Task SeedLockedAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var password = new Lazy<string>(() => ResolveAdminPassword(settings));
        if (string.IsNullOrEmpty(settings.AdminPassword) && File.Exists(settings.PasswordFile))
        {
            LogPasswordFileReused(logger, Path.GetFullPath(settings.PasswordFile));
        }

        using (currentTenant.Change(null))
        {
            await EnsureAdminAsync(password, cancellationToken);
        }

        if (!settings.DemoTenant)
        {
            return;
        }

        var tenant = await EnsureTenantAsync(settings.DemoTenantName, cancellationToken);
        if (tenant is null)
        {
            return;
        }

        using (currentTenant.Change(tenant.Id, tenant.Name))
        {
            await EnsureAdminAsync(password, cancellationToken);
            await demoVehicles.SeedAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Returns the demo tenant, created when its name is free. Returns null when the name belongs to a deleted tenant,
    /// is another tenant's former name or is one of the service's own host names. The seed thus never brings back a
    /// tenant under a name that the host took out of use.
    /// </summary>
    private async Task<Tenant?> EnsureTenantAsync(string name, CancellationToken cancellationToken)
    {
        var normalized = Tenant.NormalizeName(name);
        var tenant = await executor.FirstOrDefaultAsync(tenants.Query().Where(t => t.NormalizedName == normalized), cancellationToken);
        if (tenant is { IsDeleted: true })
        {
            LogDemoTenantSkipped(logger, tenant.Id);
            return null;
        }

        if (tenant is not null)
        {
            return tenant;
        }

        try
        {
            await tenantNames.EnsureNameFreeAsync(name, cancellationToken);
        }
        catch (BusinessException exception) when (exception.Code == ErrorCodes.TenantNameReserved)
        {
            LogDemoTenantNameReserved(logger);
            return null;
        }

        tenant = new Tenant(Guid.NewGuid(), name);
        tenants.Insert(tenant);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        LogTenantCreated(logger, tenant.Id);
        return tenant;
    }

    /// <summary>
    /// Creates the static roles of the current tenant where they are missing, with their default grants. The
    /// DbMigrator runs it for every tenant with a database of its own, after migrating that database.
    /// </summary>
    public Task SeedTenantRolesAsync(CancellationToken cancellationToken) => staticRoles.SeedCurrentAsync(cancellationToken);

    private async Task EnsureAdminAsync(Lazy<string> password, CancellationToken cancellationToken)
    {
        await SeedTenantRolesAsync(cancellationToken);

        if (await userManager.FindByNameAsync(AdminUserName) is not null)
        {
            return;
        }

        var user = new AppUser(Guid.NewGuid(), currentTenant.Id, AdminUserName, email: null);
        ThrowIfFailed(await userManager.CreateAsync(user, password.Value), "admin user");
        ThrowIfFailed(await userManager.AddToRoleAsync(user, StaticRoleNames.Admin), "admin role membership");
        LogAdminCreated(logger, user.Id, currentTenant.Id);
    }

    /// <summary>
    /// Takes the configured password, else the one generated on an earlier run, else generates one and writes it
    /// to a file only the owner may read. The password itself is never logged.
    /// </summary>
    private string ResolveAdminPassword(SeedOptions settings)
    {
        if (!string.IsNullOrEmpty(settings.AdminPassword))
        {
            return settings.AdminPassword;
        }

        var path = Path.GetFullPath(settings.PasswordFile);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var generated = RandomNumberGenerator.GetString(PasswordAlphabet, 20);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), fileOptions))
        {
            writer.WriteLine(generated);
        }

        LogPasswordFileWritten(logger, path);
        return generated;
    }

    private static void ThrowIfFailed(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            var reasons = string.Join(" ", result.Errors.Select(e => e.Description));
            throw new InvalidOperationException($"Seeding the {what} failed: {reasons}");
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Seed created tenant {TenantId}")]
    private static partial void LogTenantCreated(ILogger logger, Guid tenantId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Seed created admin user {UserId} in tenant {TenantId}")]
    private static partial void LogAdminCreated(ILogger logger, Guid userId, Guid? tenantId);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "No admin password configured; generated one and wrote it to {PasswordFile}")]
    private static partial void LogPasswordFileWritten(ILogger logger, string passwordFile);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "The generated initial admin password is in {PasswordFile}")]
    private static partial void LogPasswordFileReused(ILogger logger, string passwordFile);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Demo tenant not seeded: its name belongs to deleted tenant {TenantId}")]
    private static partial void LogDemoTenantSkipped(ILogger logger, Guid tenantId);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Demo tenant not seeded: its name is reserved")]
    private static partial void LogDemoTenantNameReserved(ILogger logger);
}
