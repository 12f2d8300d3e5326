namespace AutoTracker.Identity;

public static class IdentityConsts
{
    public const int MinPasswordLength = 12;

    /// <summary>Longest password accepted; long enough for passphrases and manager-generated secrets.</summary>
    public const int MaxPasswordLength = 256;

    public const int MaxUserNameLength = 256;
    public const int MaxEmailLength = 256;
    public const int MaxPhoneNumberLength = 32;

    /// <summary>Identity's concurrency stamps are GUID strings of 36 characters; the limit leaves room.</summary>
    public const int MaxConcurrencyStampLength = 64;

    /// <summary>Most roles one request may give a user.</summary>
    public const int MaxRolesPerUser = 50;
    public const int MaxFailedAccessAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>A session ends after this long without a request.</summary>
    public static readonly TimeSpan IdleSessionTimeout = TimeSpan.FromHours(2);

    /// <summary>A session ends this long after sign-in, however active it is.</summary>
    public static readonly TimeSpan AbsoluteSessionLifetime = TimeSpan.FromHours(12);

    /// <summary>PBKDF2 HMAC-SHA512 iteration count; OWASP's 2023 guidance is 210,000 or more.</summary>
    public const int PasswordHashIterations = 210_000;
}
