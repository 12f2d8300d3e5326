using System.Globalization;
using AutoTracker.Vehicles;

namespace AutoTracker.Settings;

/// <summary>
/// The settings in force for one tenant (or the host): for each setting the tenant's override, else the host
/// default, else the code default. Stored values that no longer pass their definition's check are skipped.
/// </summary>
public sealed class EffectiveSettings
{
    private readonly Dictionary<string, string> _values;

    private EffectiveSettings(Dictionary<string, string> values)
    {
        _values = values;
    }

    /// <summary>Combines the levels; each dictionary maps setting names to stored values.</summary>
    public static EffectiveSettings Combine(IReadOnlyDictionary<string, string> hostDefaults, IReadOnlyDictionary<string, string> tenantOverrides)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var definition in SettingDefinitions.All)
        {
            values[definition.Name] = Valid(definition, tenantOverrides) ?? Valid(definition, hostDefaults) ?? definition.DefaultValue;
        }

        return new EffectiveSettings(values);
    }

    /// <summary>The code defaults alone.</summary>
    public static EffectiveSettings Defaults { get; } = Combine(new Dictionary<string, string>(), new Dictionary<string, string>());

    public string this[string name] => _values[name];

    public int PasswordRequiredLength => GetInt(SettingNames.PasswordRequiredLength);

    public bool PasswordRequireDigit => GetBool(SettingNames.PasswordRequireDigit);

    public bool PasswordRequireLowercase => GetBool(SettingNames.PasswordRequireLowercase);

    public bool PasswordRequireUppercase => GetBool(SettingNames.PasswordRequireUppercase);

    public bool PasswordRequireNonAlphanumeric => GetBool(SettingNames.PasswordRequireNonAlphanumeric);

    public int PasswordRequiredUniqueChars => GetInt(SettingNames.PasswordRequiredUniqueChars);

    public int MaxFailedAccessAttempts => GetInt(SettingNames.LockoutMaxFailedAccessAttempts);

    public TimeSpan LockoutDuration => TimeSpan.FromMinutes(GetInt(SettingNames.LockoutDurationMinutes));

    public TimeSpan IdleSessionTimeout => TimeSpan.FromMinutes(GetInt(SettingNames.SessionIdleTimeoutMinutes));

    public TimeSpan AbsoluteSessionLifetime => TimeSpan.FromMinutes(GetInt(SettingNames.SessionAbsoluteLifetimeMinutes));

    public MeterUnit DistanceUnit => Enum.Parse<MeterUnit>(_values[SettingNames.DistanceUnit]);

    public FuelUnit VolumeUnit => Enum.Parse<FuelUnit>(_values[SettingNames.VolumeUnit]);

    public EconomyUnit EconomyUnit => Enum.Parse<EconomyUnit>(_values[SettingNames.EconomyUnit]);

    public string Currency => _values[SettingNames.Currency];

    private int GetInt(string name) => int.Parse(_values[name], CultureInfo.InvariantCulture);

    private bool GetBool(string name) => _values[name] == "true";

    private static string? Valid(SettingDefinition definition, IReadOnlyDictionary<string, string> level) =>
        level.TryGetValue(definition.Name, out var stored) ? definition.Normalize(stored, out _) : null;
}
