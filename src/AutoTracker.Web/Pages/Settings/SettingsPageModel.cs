using AutoTracker.Domain;
using AutoTracker.Localization;
using AutoTracker.Pages.Vehicles;
using AutoTracker.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Settings;

/// <summary>
/// The settings form of one level (host defaults or the current tenant's overrides). A save sends only the settings
/// whose value the user changed or reset, so an unchanged field never becomes an override.
/// </summary>
public abstract class SettingsPageModel(IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    /// <summary>The stored settings: as loaded before the save, or as re-read after a conflict.</summary>
    public SettingsDto Settings { get; private set; } = null!;

    /// <summary>Posted values by setting name.</summary>
    [BindProperty]
    public Dictionary<string, string?> Values { get; set; } = [];

    /// <summary>Names of the settings whose value of this level the user removed.</summary>
    [BindProperty]
    public List<string> Reset { get; set; } = [];

    [BindProperty]
    public string ConcurrencyStamp { get; set; } = string.Empty;

    /// <summary>Set when the save failed because someone else changed the settings since the form was opened.</summary>
    public bool HasConflict { get; private set; }

    /// <summary>True on the tenant page, where the fallback is the host default; false on the host page (the code default).</summary>
    public abstract bool IsTenantLevel { get; }

    protected IStringLocalizer<AutoTrackerResource> Localizer => localizer;

    protected abstract Task<SettingsDto> ReadAsync(CancellationToken cancellationToken);

    protected abstract Task<SettingsDto> SaveAsync(UpdateSettingsDto input, CancellationToken cancellationToken);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Settings = await ReadAsync(cancellationToken);
        ConcurrencyStamp = Settings.ConcurrencyStamp;
        Values = Settings.Settings.ToDictionary(s => s.Name, s => (string?)s.Value);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Settings = await ReadAsync(cancellationToken);
        var input = new UpdateSettingsDto { ConcurrencyStamp = ConcurrencyStamp };
        foreach (var setting in Settings.Settings)
        {
            if (Reset.Contains(setting.Name))
            {
                input.Values[setting.Name] = null;
            }
            else if (Values.TryGetValue(setting.Name, out var posted) && !string.Equals(posted?.Trim(), setting.Value, StringComparison.Ordinal))
            {
                input.Values[setting.Name] = posted;
            }
        }

        try
        {
            await SaveAsync(input, cancellationToken);
            TempData[StatusMessage.Key] = localizer["Settings saved."].Value;
            return RedirectToPage();
        }
        catch (InputValidationException ex)
        {
            foreach (var (field, messages) in ex.Errors)
            {
                var name = field.StartsWith($"{nameof(UpdateSettingsDto.Values)}.", StringComparison.Ordinal)
                    ? $"{nameof(Values)}[{field[(nameof(UpdateSettingsDto.Values).Length + 1)..]}]"
                    : string.Empty;
                foreach (var message in messages)
                {
                    ModelState.AddModelError(name, message);
                }
            }

            return Page();
        }
        catch (ConcurrencyConflictException)
        {
            ShowCurrentValues();
            return Page();
        }
    }

    /// <summary>Keeps the user's input, shows the stored value under each field that differs, and takes the new stamp.</summary>
    private void ShowCurrentValues()
    {
        HasConflict = true;
        foreach (var setting in Settings.Settings)
        {
            Values.TryGetValue(setting.Name, out var entered);
            if (!string.Equals(entered?.Trim(), setting.Value, StringComparison.OrdinalIgnoreCase))
            {
                ModelState.AddModelError($"{nameof(Values)}[{setting.Name}]", localizer["Current value: {0}", DisplayValue(setting, setting.Value)]);
            }
        }

        // The next save carries the current stamp, so it overwrites the other change on purpose.
        ModelState.Remove(nameof(ConcurrencyStamp));
        ConcurrencyStamp = Settings.ConcurrencyStamp;
    }

    /// <summary>The value as the page shows it: enum choices by their display name, booleans as Yes or No.</summary>
    public string DisplayValue(SettingDto setting, string value)
    {
        var definition = SettingDefinitions.Get(setting.Name);
        return definition.Type switch
        {
            SettingType.Boolean => value == "true" ? localizer["Yes"] : localizer["No"],
            SettingType.Choice when definition.EnumType is { } type && Enum.TryParse(type, value, out var item) => localizer.Display((Enum)item!),
            _ => value,
        };
    }
}

public sealed class TenantModel(ISettingManagementAppService settings, IStringLocalizer<AutoTrackerResource> localizer)
    : SettingsPageModel(localizer)
{
    public override bool IsTenantLevel => true;

    protected override Task<SettingsDto> ReadAsync(CancellationToken cancellationToken) => settings.GetTenantAsync(cancellationToken);

    protected override Task<SettingsDto> SaveAsync(UpdateSettingsDto input, CancellationToken cancellationToken) =>
        settings.UpdateTenantAsync(input, cancellationToken);
}

public sealed class HostModel(ISettingManagementAppService settings, IStringLocalizer<AutoTrackerResource> localizer)
    : SettingsPageModel(localizer)
{
    public override bool IsTenantLevel => false;

    protected override Task<SettingsDto> ReadAsync(CancellationToken cancellationToken) => settings.GetHostAsync(cancellationToken);

    protected override Task<SettingsDto> SaveAsync(UpdateSettingsDto input, CancellationToken cancellationToken) =>
        settings.UpdateHostAsync(input, cancellationToken);
}
