using AutoTracker.Identity;
using AutoTracker.Vehicles;

namespace AutoTracker.Settings;

public sealed class SettingDefinitionsTests
{
    [Fact]
    public void All_DefaultsPassTheirOwnCheck()
    {
        foreach (var definition in SettingDefinitions.All)
        {
            definition.Normalize(definition.DefaultValue, out var error).ShouldBe(definition.DefaultValue, definition.Name);
            error.ShouldBeNull(definition.Name);
        }
    }

    [Fact]
    public void All_NamesAreUniqueAndFitTheColumn()
    {
        var names = SettingDefinitions.All.Select(d => d.Name).ToList();

        names.Distinct(StringComparer.Ordinal).Count().ShouldBe(names.Count);
        names.ShouldAllBe(n => n.Length <= SettingConsts.MaxNameLength);
        SettingDefinitions.All.ShouldAllBe(d => d.DefaultValue.Length <= SettingConsts.MaxValueLength);
    }

    [Fact]
    public void SecurityBounds_NeverWeakerThanFloors()
    {
        SettingDefinitions.Get(SettingNames.PasswordRequiredLength).Minimum.ShouldBe(IdentityConsts.MinPasswordLength);
        SettingDefinitions.Get(SettingNames.PasswordRequiredLength).Maximum!.Value.ShouldBeLessThanOrEqualTo(IdentityConsts.MaxPasswordLength);
        SettingDefinitions.Get(SettingNames.LockoutMaxFailedAccessAttempts).Maximum.ShouldBe(IdentityConsts.MaxFailedAccessAttempts);
        SettingDefinitions.Get(SettingNames.LockoutMaxFailedAccessAttempts).Minimum!.Value.ShouldBeGreaterThanOrEqualTo(1);
        SettingDefinitions.Get(SettingNames.LockoutDurationMinutes).Minimum.ShouldBe(15);
        SettingDefinitions.Get(SettingNames.SessionIdleTimeoutMinutes).Maximum.ShouldBe(120);
        SettingDefinitions.Get(SettingNames.SessionAbsoluteLifetimeMinutes).Maximum.ShouldBe(720);
    }

    [Theory]
    [InlineData(SettingNames.PasswordRequiredLength, "11", "Password.RequiredLength must be at least 12.")]
    [InlineData(SettingNames.PasswordRequiredLength, "129", "Password.RequiredLength must be at most 128.")]
    [InlineData(SettingNames.LockoutMaxFailedAccessAttempts, "6", "Lockout.MaxFailedAccessAttempts must be at most 5.")]
    [InlineData(SettingNames.LockoutMaxFailedAccessAttempts, "2", "Lockout.MaxFailedAccessAttempts must be at least 3.")]
    [InlineData(SettingNames.LockoutDurationMinutes, "14", "Lockout.DurationMinutes must be at least 15.")]
    [InlineData(SettingNames.SessionIdleTimeoutMinutes, "121", "Session.IdleTimeoutMinutes must be at most 120.")]
    [InlineData(SettingNames.SessionAbsoluteLifetimeMinutes, "721", "Session.AbsoluteLifetimeMinutes must be at most 720.")]
    [InlineData(SettingNames.PasswordRequiredLength, "twelve", "Password.RequiredLength must be a whole number from 12 to 128.")]
    [InlineData(SettingNames.PasswordRequireDigit, "yes", "Password.RequireDigit must be true or false.")]
    [InlineData(SettingNames.DistanceUnit, "Hours", "Units.Distance must be one of Kilometers, Miles.")]
    [InlineData(SettingNames.VolumeUnit, "KilowattHours", "Units.Volume must be one of Liters, UsGallons.")]
    [InlineData(SettingNames.Currency, "EURO", "Currency must be an ISO 4217 currency code of three letters, such as EUR or USD.")]
    [InlineData(SettingNames.Currency, "€", "Currency must be an ISO 4217 currency code of three letters, such as EUR or USD.")]
    public void Normalize_OutOfBounds_NamesSettingAndBound(string name, string value, string expected)
    {
        var normalized = SettingDefinitions.Get(name).Normalize(value, out var error);

        normalized.ShouldBeNull();
        error.ShouldBe(expected);
    }

    [Theory]
    [InlineData(SettingNames.PasswordRequiredLength, " 20 ", "20")]
    [InlineData(SettingNames.PasswordRequireDigit, "True", "true")]
    [InlineData(SettingNames.EconomyUnit, "milesperusgallon", "MilesPerUsGallon")]
    [InlineData(SettingNames.Currency, "usd", "USD")]
    [InlineData(SettingNames.LockoutMaxFailedAccessAttempts, "3", "3")]
    public void Normalize_ValidValue_ReturnsStoredForm(string name, string value, string expected)
    {
        SettingDefinitions.Get(name).Normalize(value, out var error).ShouldBe(expected);
        error.ShouldBeNull();
    }

    [Fact]
    public void Combine_TenantOverHostOverCode()
    {
        var host = new Dictionary<string, string>
        {
            [SettingNames.PasswordRequiredLength] = "14",
            [SettingNames.EconomyUnit] = "MilesPerUsGallon",
        };
        var tenant = new Dictionary<string, string> { [SettingNames.PasswordRequiredLength] = "16" };

        var effective = EffectiveSettings.Combine(host, tenant);

        effective.PasswordRequiredLength.ShouldBe(16);
        effective.EconomyUnit.ShouldBe(EconomyUnit.MilesPerUsGallon);
        effective.MaxFailedAccessAttempts.ShouldBe(IdentityConsts.MaxFailedAccessAttempts);
        effective.LockoutDuration.ShouldBe(IdentityConsts.LockoutDuration);
        effective.IdleSessionTimeout.ShouldBe(IdentityConsts.IdleSessionTimeout);
        effective.AbsoluteSessionLifetime.ShouldBe(IdentityConsts.AbsoluteSessionLifetime);
        effective.DistanceUnit.ShouldBe(MeterUnit.Kilometers);
        effective.VolumeUnit.ShouldBe(FuelUnit.Liters);
    }

    [Fact]
    public void Combine_StoredValueBelowFloor_FallsBack()
    {
        // A row written before a floor was raised, or edited by hand, must not weaken the policy.
        var host = new Dictionary<string, string> { [SettingNames.LockoutMaxFailedAccessAttempts] = "4" };
        var tenant = new Dictionary<string, string>
        {
            [SettingNames.LockoutMaxFailedAccessAttempts] = "50",
            [SettingNames.PasswordRequiredLength] = "6",
        };

        var effective = EffectiveSettings.Combine(host, tenant);

        effective.MaxFailedAccessAttempts.ShouldBe(4);
        effective.PasswordRequiredLength.ShouldBe(IdentityConsts.MinPasswordLength);
    }

    [Fact]
    public void Defaults_MatchIdentityFloors()
    {
        var defaults = EffectiveSettings.Defaults;

        defaults.PasswordRequiredLength.ShouldBe(IdentityConsts.MinPasswordLength);
        defaults.MaxFailedAccessAttempts.ShouldBe(IdentityConsts.MaxFailedAccessAttempts);
        defaults.LockoutDuration.ShouldBe(IdentityConsts.LockoutDuration);
        defaults.IdleSessionTimeout.ShouldBe(IdentityConsts.IdleSessionTimeout);
        defaults.AbsoluteSessionLifetime.ShouldBe(IdentityConsts.AbsoluteSessionLifetime);
        defaults.EconomyUnit.ShouldBe(EconomyUnit.LitersPer100Kilometers);
        defaults.Currency.ShouldBe("EUR");
    }
}
