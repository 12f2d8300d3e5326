using System.ComponentModel.DataAnnotations;

namespace AutoTracker.Application;

/// <summary>Rejects a decimal value with more decimal places than <see cref="MaxPlaces"/>. Trailing zeros do not count, so 1.50 has one.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DecimalPlacesAttribute(int maxPlaces) : ValidationAttribute
{
    public int MaxPlaces { get; } = maxPlaces;

    public override bool IsValid(object? value) => value is not decimal number || decimal.Round(number, MaxPlaces) == number;

    public override string FormatErrorMessage(string name) => $"The field {name} may have at most {MaxPlaces} decimal places.";
}
