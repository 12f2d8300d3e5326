using System.Globalization;
using AutoTracker.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages;

/// <summary>
/// Shows, after a concurrency conflict, the stored value of every form field whose value differs from what
/// the user entered. The message sits under the field, like a validation error, and the user's input stays
/// in the form.
/// </summary>
public sealed class ConcurrencyConflictDisplay(ModelStateDictionary modelState, IStringLocalizer localizer, string prefix)
{
    /// <summary>Adds "Current value: …" to <paramref name="field"/> when the two values differ after formatting.</summary>
    public void Compare(string field, object? entered, object? current)
    {
        var enteredText = Format(entered);
        var currentText = Format(current);
        if (string.Equals(enteredText, currentText, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var currentShown = currentText.Length == 0 ? localizer["(empty)"].Value : currentText;
        modelState.AddModelError($"{prefix}.{field}", localizer["Current value: {0}", currentShown]);
    }

    private string Format(object? value) => value switch
    {
        null => string.Empty,
        string text => text.Trim(),
        Enum item => localizer.Display(item),
        bool flag => flag ? localizer["Yes"] : localizer["No"],
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        decimal number => number.ToString("0.############", CultureInfo.CurrentCulture),
        double number => number.ToString("0.############", CultureInfo.CurrentCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.CurrentCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
