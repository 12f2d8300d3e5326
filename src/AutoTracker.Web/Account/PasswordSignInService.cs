using AutoTracker.EntityFrameworkCore;
using AutoTracker.EntityFrameworkCore.MultiTenancy;
using AutoTracker.Identity;
using AutoTracker.MultiTenancy;
using AutoTracker.Settings;
using AutoTracker.TenantManagement;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AutoTracker.Account;

/// <summary>
/// Signs a user in with a tenant name, user name (or e-mail) and password. Every sign-in path must use this
/// service so that they share one lockout. An unknown or inactive tenant costs the same password hash as a known
/// one, so timing does not reveal which tenants exist.
/// </summary>
public sealed class PasswordSignInService(
    HostDatabase hostDatabase,
    ITenantDatabaseManager tenantDatabases,
    IPasswordHasher<AppUser> passwordHasher)
{
    /// <summary>Issues the sign-in cookie and returns true when the credentials are right and the account may sign in.</summary>
    public async Task<bool> SignInAsync(
        string? tenantName,
        string userNameOrEmail,
        string password,
        AuthenticationProperties properties,
        CancellationToken cancellationToken)
    {
        if (await FindActiveTenantAsync(tenantName, cancellationToken) is not { } tenantId)
        {
            PasswordCheck.SpendDummyHash(passwordHasher, password);
            return false;
        }

        // The user and the claims of the cookie are read in a scope on the tenant's database, which may be its own.
        return await tenantDatabases.RunInTenantScopeAsync(
            tenantId == Guid.Empty ? null : tenantId,
            connectionString: null,
            async (services, ct) =>
            {
                var user = await services.GetRequiredService<PasswordCheck>().CheckAsync(userNameOrEmail, password, ct);
                if (user is null)
                {
                    return false;
                }

                await services.GetRequiredService<SignInManager<AppUser>>().SignInAsync(user, properties);
                return true;
            },
            cancellationToken);
    }

    /// <summary>Returns the tenant's id, <see cref="Guid.Empty"/> for the host (no tenant name), or null for an unknown or inactive tenant.</summary>
    private async Task<Guid?> FindActiveTenantAsync(string? tenantName, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(tenantName))
        {
            return Guid.Empty;
        }

        var normalized = Tenant.NormalizeName(tenantName);
        var tenant = await hostDatabase.Context.Tenants.AsNoTracking()
            .Where(t => t.NormalizedName == normalized && t.IsActive && !t.IsDeleted)
            .Select(t => new { t.Id })
            .FirstOrDefaultAsync(cancellationToken);
        return tenant?.Id;
    }
}

/// <summary>
/// Checks a user name (or e-mail) and password in the current tenant. Failures are counted with an atomic database
/// increment, so parallel wrong attempts cannot slip past the limit, and unknown users cost the same password hash
/// as known ones, so timing does not reveal which accounts exist.
/// </summary>
public sealed partial class PasswordCheck(
    AutoTrackerDbContext dbContext,
    UserManager<AppUser> userManager,
    ICurrentTenant currentTenant,
    IPasswordHasher<AppUser> passwordHasher,
    ISettingProvider settings,
    TimeProvider timeProvider,
    ILogger<PasswordCheck> logger)
{
    private static readonly Lock DummyHashLock = new();
    private static string? _dummyHash;

    /// <summary>Returns the user when the credentials are right and the account may sign in, otherwise null.</summary>
    public async Task<AppUser?> CheckAsync(string userNameOrEmail, string password, CancellationToken cancellationToken)
    {
        var user = await FindUserAsync(userNameOrEmail);
        if (user is null)
        {
            SpendDummyHash(passwordHasher, password);
            LogUnknownUser(logger, currentTenant.Id);
            return null;
        }

        // The tenant's lockout settings; a cached read costs no database query.
        var policy = await settings.GetEffectiveAsync(cancellationToken);
        if (await TryReserveAttemptAsync(user.Id, policy, cancellationToken) is not { } attempt)
        {
            SpendDummyHash(passwordHasher, password);
            LogLockedOut(logger, user.Id);
            return null;
        }

        if (!await userManager.CheckPasswordAsync(user, password))
        {
            await RecordFailureAsync(user, attempt, policy, cancellationToken);
            return null;
        }

        // A parallel wrong attempt may have locked the account while this password was being checked.
        var state = await ReadLockoutAsync(user.Id, cancellationToken);
        if (IsLocked(state.LockoutEnabled, state.LockoutEnd))
        {
            LogLockedOut(logger, user.Id);
            return null;
        }

        await dbContext.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0), cancellationToken);
        if (!user.IsActive)
        {
            LogInactive(logger, user.Id);
            return null;
        }

        return user;
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

    /// <summary>
    /// Counts this attempt before the password is checked, so parallel attempts cannot check more passwords
    /// than the limit. The limit test and the increment are one UPDATE, so of any number of parallel attempts
    /// exactly as many as the limit leaves are counted, on SQLite and MySQL alike. An attempt that finds the
    /// limit reached locks the account, and one that finds it locked is rejected without a check.
    /// </summary>
    /// <returns>The attempt's number within the current window, or null when the attempt is rejected.</returns>
    private async Task<int?> TryReserveAttemptAsync(Guid userId, EffectiveSettings policy, CancellationToken cancellationToken)
    {
        var limit = policy.MaxFailedAccessAttempts;
        var before = await ReadLockoutAsync(userId, cancellationToken);
        if (IsLocked(before.LockoutEnabled, before.LockoutEnd))
        {
            return null;
        }

        var reserved = await dbContext.Users
            .Where(u => u.Id == userId && (!u.LockoutEnabled || u.AccessFailedCount < limit))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1), cancellationToken);
        if (reserved == 0)
        {
            // The limit is reached. The attempt that reached it locks the account when its check fails, but it
            // may still be checking or may have stopped midway. Locking here keeps the count from staying at the
            // limit with no lockout, which would reject every later attempt, the right password included.
            await LockAsync(userId, policy, cancellationToken);
            return null;
        }

        var after = await ReadLockoutAsync(userId, cancellationToken);
        if (!IsLocked(after.LockoutEnabled, after.LockoutEnd))
        {
            // Parallel attempts may have raised the count after this one; the number is for the log only.
            return Math.Min(after.AccessFailedCount, limit);
        }

        // A parallel attempt locked the account between the two statements: take this attempt back.
        await dbContext.Users.Where(u => u.Id == userId && u.AccessFailedCount > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount - 1), cancellationToken);
        return null;
    }

    /// <summary>Locks the account for the lockout duration if its count has reached the limit, and restarts the count.</summary>
    private async Task LockAsync(Guid userId, EffectiveSettings policy, CancellationToken cancellationToken)
    {
        var limit = policy.MaxFailedAccessAttempts;
        var until = timeProvider.GetUtcNow().Add(policy.LockoutDuration);
        var locked = await dbContext.Users
            .Where(u => u.Id == userId && u.LockoutEnabled && u.AccessFailedCount >= limit)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, until).SetProperty(u => u.AccessFailedCount, 0), cancellationToken);
        if (locked > 0)
        {
            LogLockedOutNow(logger, userId);
        }
    }

    private Task<LockoutState> ReadLockoutAsync(Guid userId, CancellationToken cancellationToken) =>
        dbContext.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new LockoutState(u.AccessFailedCount, u.LockoutEnabled, u.LockoutEnd))
            .FirstAsync(cancellationToken);

    private bool IsLocked(bool lockoutEnabled, DateTimeOffset? lockoutEnd) => lockoutEnabled && lockoutEnd > timeProvider.GetUtcNow();

    /// <summary>Locks the account once the reserved attempts reach the limit; the count restarts for the next window.</summary>
    private async Task RecordFailureAsync(AppUser user, int attempt, EffectiveSettings policy, CancellationToken cancellationToken)
    {
        LogFailedPassword(logger, user.Id, attempt);
        await LockAsync(user.Id, policy, cancellationToken);
    }

    private sealed record LockoutState(int AccessFailedCount, bool LockoutEnabled, DateTimeOffset? LockoutEnd);

    /// <summary>Verifies the password against a hash of a random one, so that a sign-in without an account takes as long as one with.</summary>
    internal static void SpendDummyHash(IPasswordHasher<AppUser> passwordHasher, string password)
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

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Sign-in failed: wrong password for user {UserId}, attempt {Attempt} of the lockout window")]
    private static partial void LogFailedPassword(ILogger logger, Guid userId, int attempt);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "User {UserId} locked out after repeated sign-in failures")]
    private static partial void LogLockedOutNow(ILogger logger, Guid userId);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Sign-in refused: user {UserId} is locked out")]
    private static partial void LogLockedOut(ILogger logger, Guid userId);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Sign-in refused: user {UserId} is deactivated")]
    private static partial void LogInactive(ILogger logger, Guid userId);
}
