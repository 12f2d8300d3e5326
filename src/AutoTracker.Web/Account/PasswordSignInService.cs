using AutoTracker.EntityFrameworkCore;
using AutoTracker.Identity;
using AutoTracker.MultiTenancy;
using AutoTracker.TenantManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AutoTracker.Account;

public enum PasswordSignInOutcome
{
    Succeeded,

    /// <summary>Unknown tenant or user, wrong password, inactive user or tenant, or a locked account; shown alike.</summary>
    Failed,
}

/// <summary>
/// Checks a tenant name, user name (or e-mail) and password. Every sign-in path must use this service so that
/// they share one lockout. Failures are counted with an atomic database increment, so parallel wrong
/// attempts cannot slip past the limit, and unknown users cost the same password hash as known ones, so
/// timing does not reveal which accounts exist.
/// </summary>
public sealed partial class PasswordSignInService(
    AutoTrackerDbContext dbContext,
    UserManager<AppUser> userManager,
    ICurrentTenant currentTenant,
    IPasswordHasher<AppUser> passwordHasher,
    TimeProvider timeProvider,
    ILogger<PasswordSignInService> logger)
{
    private static readonly Lock DummyHashLock = new();
    private static string? _dummyHash;

    /// <summary>Returns the user when the credentials are right and the account may sign in, otherwise null.</summary>
    public async Task<AppUser?> CheckAsync(string? tenantName, string userNameOrEmail, string password, CancellationToken cancellationToken)
    {
        if (await FindActiveTenantAsync(tenantName, cancellationToken) is not { } tenantId)
        {
            SpendDummyHash(password);
            return null;
        }

        using (currentTenant.Change(tenantId == Guid.Empty ? null : tenantId))
        {
            var user = await FindUserAsync(userNameOrEmail);
            if (user is null)
            {
                SpendDummyHash(password);
                LogUnknownUser(logger, tenantId);
                return null;
            }

            if (IsLockedOut(user))
            {
                SpendDummyHash(password);
                LogLockedOut(logger, user.Id);
                return null;
            }

            if (!await userManager.CheckPasswordAsync(user, password))
            {
                await RecordFailureAsync(user, cancellationToken);
                return null;
            }

            if (!user.IsActive)
            {
                LogInactive(logger, user.Id);
                return null;
            }

            await dbContext.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0), cancellationToken);
            return user;
        }
    }

    /// <summary>Returns the tenant's id, <see cref="Guid.Empty"/> for the host (no tenant name), or null for an unknown or inactive tenant.</summary>
    private async Task<Guid?> FindActiveTenantAsync(string? tenantName, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(tenantName))
        {
            return Guid.Empty;
        }

        var normalized = Tenant.NormalizeName(tenantName);
        var tenant = await dbContext.Tenants.AsNoTracking()
            .Where(t => t.NormalizedName == normalized && t.IsActive)
            .Select(t => new { t.Id })
            .FirstOrDefaultAsync(cancellationToken);
        return tenant?.Id;
    }

    private async Task<AppUser?> FindUserAsync(string userNameOrEmail)
    {
        var user = await userManager.FindByNameAsync(userNameOrEmail);
        if (user is null && userNameOrEmail.Contains('@'))
        {
            user = await userManager.FindByEmailAsync(userNameOrEmail);
        }

        return user;
    }

    private bool IsLockedOut(AppUser user) => user.LockoutEnabled && user.LockoutEnd > timeProvider.GetUtcNow();

    private async Task RecordFailureAsync(AppUser user, CancellationToken cancellationToken)
    {
        await dbContext.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1), cancellationToken);
        var failures = await dbContext.Users.AsNoTracking().Where(u => u.Id == user.Id).Select(u => u.AccessFailedCount).FirstAsync(cancellationToken);
        LogFailedPassword(logger, user.Id, failures);

        if (user.LockoutEnabled && failures >= IdentityConsts.MaxFailedAccessAttempts)
        {
            var until = timeProvider.GetUtcNow().Add(IdentityConsts.LockoutDuration);
            await dbContext.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(
                s => s.SetProperty(u => u.LockoutEnd, until).SetProperty(u => u.AccessFailedCount, 0),
                cancellationToken);
            LogLockedOutNow(logger, user.Id);
        }
    }

    private void SpendDummyHash(string password)
    {
        string hash;
        lock (DummyHashLock)
        {
            hash = _dummyHash ??= passwordHasher.HashPassword(new AppUser(), Guid.NewGuid().ToString("N"));
        }

        passwordHasher.VerifyHashedPassword(new AppUser(), hash, password);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Sign-in failed: unknown user in tenant {TenantId}")]
    private static partial void LogUnknownUser(ILogger logger, Guid? tenantId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Sign-in failed: wrong password for user {UserId}, failure {FailureCount}")]
    private static partial void LogFailedPassword(ILogger logger, Guid userId, int failureCount);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "User {UserId} locked out after repeated sign-in failures")]
    private static partial void LogLockedOutNow(ILogger logger, Guid userId);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Sign-in refused: user {UserId} is locked out")]
    private static partial void LogLockedOut(ILogger logger, Guid userId);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Sign-in refused: user {UserId} is deactivated")]
    private static partial void LogInactive(ILogger logger, Guid userId);
}
