using System.ComponentModel.DataAnnotations;

namespace AutoTracker.Settings;

/// <summary>
/// One setting as a settings page shows it: the value in force, the value it falls back to without an override, and
/// the allowed range.
/// </summary>
public sealed record SettingDto(
    string Name,
    SettingGroup Group,
    SettingType Type,
    string DisplayName,
    string Value,
    string DefaultValue,
    bool IsOverridden,
    int? Minimum,
    int? Maximum,
    IReadOnlyList<string> AllowedValues);

/// <summary>
/// The settings of one level (the host defaults or one tenant's overrides). <see cref="ConcurrencyStamp"/> changes
/// whenever a value of that level is saved.
/// </summary>
public sealed record SettingsDto(IReadOnlyList<SettingDto> Settings, string ConcurrencyStamp);

/// <summary>
/// Changes to the settings of one level. Each entry of <see cref="Values"/> sets a setting, by name, to a value;
/// a null value removes the level's value, so the setting falls back to the host default (for a tenant) or the code
/// default (for the host). Settings not listed keep their values.
/// </summary>
public sealed class UpdateSettingsDto
{
    [Required]
    public Dictionary<string, string?> Values { get; set; } = [];

    /// <summary>The stamp of the <see cref="SettingsDto"/> the client read.</summary>
    [Required]
    [StringLength(64)]
    public string ConcurrencyStamp { get; set; } = string.Empty;
}

/// <summary>
/// The settings of the host side (defaults for every tenant) and of the current tenant (its overrides). The HTTP
/// layer admits host users to the first and tenant admins to the second; the service also rejects the wrong side.
/// </summary>
public interface ISettingManagementAppService
{
    Task<SettingsDto> GetTenantAsync(CancellationToken cancellationToken);

    Task<SettingsDto> UpdateTenantAsync(UpdateSettingsDto input, CancellationToken cancellationToken);

    Task<SettingsDto> GetHostAsync(CancellationToken cancellationToken);

    Task<SettingsDto> UpdateHostAsync(UpdateSettingsDto input, CancellationToken cancellationToken);
}
