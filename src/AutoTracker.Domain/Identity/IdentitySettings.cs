using Microsoft.AspNetCore.Identity;

namespace AutoTracker.Identity;

/// <summary>The password, lockout and hashing rules, shared by the web host and the migrator.</summary>
public static class IdentitySettings
{
    public static void Configure(IdentityOptions o)
    {
        o.Password.RequiredLength = IdentityConsts.MinPasswordLength;
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequiredUniqueChars = 1;
        o.Lockout.MaxFailedAccessAttempts = IdentityConsts.MaxFailedAccessAttempts;
        o.Lockout.DefaultLockoutTimeSpan = IdentityConsts.LockoutDuration;
        o.Lockout.AllowedForNewUsers = true;
        o.User.RequireUniqueEmail = false;
        o.SignIn.RequireConfirmedAccount = false;
    }

    /// <summary>PBKDF2 with HMAC-SHA512 (Identity's version 3 format) at the configured iteration count; older hashes are upgraded at sign-in.</summary>
    public static void ConfigureHasher(PasswordHasherOptions o)
    {
        o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
        o.IterationCount = IdentityConsts.PasswordHashIterations;
    }
}
