using AutoTracker.Identity;
using AutoTracker.Vehicles;

namespace AutoTracker.Settings;

/// <summary>
/// Every setting the application reads. The bounds of the security settings only allow values at least as strict
/// as the floors in <see cref="IdentityConsts"/>: longer passwords, more character classes, fewer failed attempts,
/// longer lockouts and shorter sessions.
/// </summary>
public static class SettingDefinitions
{
    /// <summary>Longest password length a tenant may require; far below <see cref="IdentityConsts.MaxPasswordLength"/>.</summary>
    public const int MaxRequiredPasswordLength = 128;

    /// <summary>Fewest failed attempts a tenant may allow before lockout, so a typo or two does not lock a user out.</summary>
    public const int MinFailedAccessAttempts = 3;

    /// <summary>Longest lockout, one day, after which a locked-out user can try again without an admin.</summary>
    public const int MaxLockoutMinutes = 24 * 60;

    /// <summary>Shortest idle timeout, so a user filling in a long form is not signed out.</summary>
    public const int MinIdleTimeoutMinutes = 5;

    /// <summary>Shortest absolute session lifetime.</summary>
    public const int MinAbsoluteLifetimeMinutes = 15;

    public static IReadOnlyList<SettingDefinition> All { get; } =
    [
        SettingDefinition.Integer(
            SettingNames.PasswordRequiredLength, SettingGroup.Password, "Minimum password length",
            IdentityConsts.MinPasswordLength, IdentityConsts.MinPasswordLength, MaxRequiredPasswordLength),
        SettingDefinition.Boolean(SettingNames.PasswordRequireDigit, SettingGroup.Password, "Require a digit", false),
        SettingDefinition.Boolean(SettingNames.PasswordRequireLowercase, SettingGroup.Password, "Require a lower-case letter", false),
        SettingDefinition.Boolean(SettingNames.PasswordRequireUppercase, SettingGroup.Password, "Require an upper-case letter", false),
        SettingDefinition.Boolean(SettingNames.PasswordRequireNonAlphanumeric, SettingGroup.Password, "Require a character other than a letter or digit", false),

        // At most the shortest allowed length, so that every allowed combination can be met.
        SettingDefinition.Integer(
            SettingNames.PasswordRequiredUniqueChars, SettingGroup.Password, "Minimum number of different characters",
            1, 1, IdentityConsts.MinPasswordLength),
        SettingDefinition.Integer(
            SettingNames.LockoutMaxFailedAccessAttempts, SettingGroup.Lockout, "Failed sign-in attempts before lockout",
            IdentityConsts.MaxFailedAccessAttempts, MinFailedAccessAttempts, IdentityConsts.MaxFailedAccessAttempts),
        SettingDefinition.Integer(
            SettingNames.LockoutDurationMinutes, SettingGroup.Lockout, "Lockout duration (minutes)",
            (int)IdentityConsts.LockoutDuration.TotalMinutes, (int)IdentityConsts.LockoutDuration.TotalMinutes, MaxLockoutMinutes),
        SettingDefinition.Integer(
            SettingNames.SessionIdleTimeoutMinutes, SettingGroup.Session, "Idle session timeout (minutes)",
            (int)IdentityConsts.IdleSessionTimeout.TotalMinutes, MinIdleTimeoutMinutes, (int)IdentityConsts.IdleSessionTimeout.TotalMinutes),
        SettingDefinition.Integer(
            SettingNames.SessionAbsoluteLifetimeMinutes, SettingGroup.Session, "Absolute session lifetime (minutes)",
            (int)IdentityConsts.AbsoluteSessionLifetime.TotalMinutes, MinAbsoluteLifetimeMinutes, (int)IdentityConsts.AbsoluteSessionLifetime.TotalMinutes),
        SettingDefinition.Choice(SettingNames.DistanceUnit, SettingGroup.Units, "Distance unit", MeterUnit.Kilometers, MeterUnit.Kilometers, MeterUnit.Miles),
        SettingDefinition.Choice(SettingNames.VolumeUnit, SettingGroup.Units, "Fuel volume unit", FuelUnit.Liters, FuelUnit.Liters, FuelUnit.UsGallons),
        SettingDefinition.Choice(
            SettingNames.EconomyUnit, SettingGroup.Units, "Fuel economy unit", EconomyUnit.LitersPer100Kilometers,
            EconomyUnit.LitersPer100Kilometers, EconomyUnit.MilesPerUsGallon, EconomyUnit.MilesPerImperialGallon, EconomyUnit.KilowattHoursPer100Kilometers),

        // NOTE: EUR is a placeholder until the host sets its own default; amounts are stored without a currency.
        SettingDefinition.CurrencyCode(SettingNames.Currency, SettingGroup.Currency, "Currency", "EUR"),
    ];

    private static readonly Dictionary<string, SettingDefinition> ByName = All.ToDictionary(d => d.Name, StringComparer.Ordinal);

    /// <summary>Returns the definition of <paramref name="name"/>, or null for a name that is not defined.</summary>
    public static SettingDefinition? Find(string name) => ByName.GetValueOrDefault(name);

    public static SettingDefinition Get(string name) =>
        Find(name) ?? throw new ArgumentOutOfRangeException(nameof(name), name, "No such setting is defined.");
}
