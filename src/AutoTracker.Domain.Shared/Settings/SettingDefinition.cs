using System.Globalization;

namespace AutoTracker.Settings;

/// <summary>
/// One setting: its name, type, code default and the range a host default or tenant override may take. Values are
/// stored as invariant text: integers in decimal, booleans as <c>true</c>/<c>false</c>, choices by enum name.
/// </summary>
public sealed class SettingDefinition
{
    private SettingDefinition(string name, SettingGroup group, SettingType type, string displayName, string defaultValue)
    {
        Name = name;
        Group = group;
        Type = type;
        DisplayName = displayName;
        DefaultValue = defaultValue;
    }

    public string Name { get; }

    public SettingGroup Group { get; }

    public SettingType Type { get; }

    /// <summary>English display name, which is also its key in AutoTrackerResource.resx.</summary>
    public string DisplayName { get; }

    /// <summary>The value when neither the host nor the tenant set one.</summary>
    public string DefaultValue { get; }

    /// <summary>Smallest allowed integer, for <see cref="SettingType.Integer"/>.</summary>
    public int? Minimum { get; private init; }

    /// <summary>Largest allowed integer, for <see cref="SettingType.Integer"/>.</summary>
    public int? Maximum { get; private init; }

    /// <summary>Enum names allowed for <see cref="SettingType.Choice"/>, in display order.</summary>
    public IReadOnlyList<string> AllowedValues { get; private init; } = [];

    /// <summary>The enum type of a <see cref="SettingType.Choice"/> setting.</summary>
    public Type? EnumType { get; private init; }

    public static SettingDefinition Integer(string name, SettingGroup group, string displayName, int defaultValue, int minimum, int maximum)
    {
        if (defaultValue < minimum || defaultValue > maximum)
        {
            throw new ArgumentOutOfRangeException(nameof(defaultValue), defaultValue, $"The default of {name} is outside {minimum}-{maximum}.");
        }

        return new SettingDefinition(name, group, SettingType.Integer, displayName, Format(defaultValue)) { Minimum = minimum, Maximum = maximum };
    }

    public static SettingDefinition Boolean(string name, SettingGroup group, string displayName, bool defaultValue) =>
        new(name, group, SettingType.Boolean, displayName, Format(defaultValue));

    public static SettingDefinition Choice<TEnum>(string name, SettingGroup group, string displayName, TEnum defaultValue, params TEnum[] allowed)
        where TEnum : struct, Enum
    {
        if (!allowed.Contains(defaultValue))
        {
            throw new ArgumentOutOfRangeException(nameof(defaultValue), defaultValue, $"The default of {name} is not one of its allowed values.");
        }

        return new SettingDefinition(name, group, SettingType.Choice, displayName, defaultValue.ToString())
        {
            AllowedValues = allowed.Select(a => a.ToString()).ToList(),
            EnumType = typeof(TEnum),
        };
    }

    public static SettingDefinition CurrencyCode(string name, SettingGroup group, string displayName, string defaultValue) =>
        new(name, group, SettingType.CurrencyCode, displayName, defaultValue);

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(bool value) => value ? "true" : "false";

    /// <summary>
    /// Checks <paramref name="value"/> against the type and range. Returns the value in its stored form, or null
    /// with <paramref name="error"/> set to a message that names the setting and the bound it breaks.
    /// </summary>
    public string? Normalize(string? value, out string? error)
    {
        error = null;
        var text = value?.Trim() ?? string.Empty;
        switch (Type)
        {
            case SettingType.Integer:
                if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    error = $"{Name} must be a whole number from {Minimum} to {Maximum}.";
                    return null;
                }

                if (number < Minimum)
                {
                    error = $"{Name} must be at least {Minimum}.";
                    return null;
                }

                if (number > Maximum)
                {
                    error = $"{Name} must be at most {Maximum}.";
                    return null;
                }

                return Format(number);

            case SettingType.Boolean:
                if (!bool.TryParse(text, out var flag))
                {
                    error = $"{Name} must be true or false.";
                    return null;
                }

                return Format(flag);

            case SettingType.Choice:
                var match = AllowedValues.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase));
                if (match is null)
                {
                    error = $"{Name} must be one of {string.Join(", ", AllowedValues)}.";
                    return null;
                }

                return match;

            case SettingType.CurrencyCode:
                var code = text.ToUpperInvariant();
                if (code.Length != 3 || !code.All(char.IsAsciiLetterUpper))
                {
                    error = $"{Name} must be an ISO 4217 currency code of three letters, such as EUR or USD.";
                    return null;
                }

                return code;

            default:
                throw new InvalidOperationException($"Setting type {Type} has no check.");
        }
    }
}
