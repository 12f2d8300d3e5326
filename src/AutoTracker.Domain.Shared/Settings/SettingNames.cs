namespace AutoTracker.Settings;

/// <summary>Names of the settings that host admins set as defaults and tenant admins override.</summary>
public static class SettingNames
{
    public const string PasswordRequiredLength = "Password.RequiredLength";
    public const string PasswordRequireDigit = "Password.RequireDigit";
    public const string PasswordRequireLowercase = "Password.RequireLowercase";
    public const string PasswordRequireUppercase = "Password.RequireUppercase";
    public const string PasswordRequireNonAlphanumeric = "Password.RequireNonAlphanumeric";
    public const string PasswordRequiredUniqueChars = "Password.RequiredUniqueChars";
    public const string LockoutMaxFailedAccessAttempts = "Lockout.MaxFailedAccessAttempts";
    public const string LockoutDurationMinutes = "Lockout.DurationMinutes";
    public const string SessionIdleTimeoutMinutes = "Session.IdleTimeoutMinutes";
    public const string SessionAbsoluteLifetimeMinutes = "Session.AbsoluteLifetimeMinutes";
    public const string DistanceUnit = "Units.Distance";
    public const string VolumeUnit = "Units.Volume";
    public const string EconomyUnit = "Units.Economy";
    public const string Currency = "Currency";
}

/// <summary>Groups in which the settings pages show the settings.</summary>
public enum SettingGroup
{
    Password,
    Lockout,
    Session,
    Units,
    Currency,
}

/// <summary>How a setting's stored text is read.</summary>
public enum SettingType
{
    Integer,
    Boolean,

    /// <summary>The name of one of the values in <c>AllowedValues</c>.</summary>
    Choice,

    /// <summary>An ISO 4217 currency code: three upper-case letters.</summary>
    CurrencyCode,
}

public static class SettingConsts
{
    public const int MaxNameLength = 128;
    public const int MaxValueLength = 256;
}
