using System.Reflection;
using AutoTracker.Domain;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AutoTracker.Pages;

/// <summary>
/// Copies the errors an application service throws into a page's <see cref="ModelStateDictionary"/>, so each
/// message appears next to the form field it is about.
/// </summary>
public static class ModelStateServiceErrors
{
    /// <summary>
    /// Adds the errors of an <see cref="InputValidationException"/> or a <see cref="BusinessException"/>. A
    /// field name such as <c>Lines[0].UnitCost</c> becomes the key <c>Input.Lines[0].UnitCost</c> when
    /// <paramref name="inputType"/> has a settable property <c>Lines</c>. Errors without a field, or for a
    /// field the form does not show, go to the summary (key "") with the field name in front.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="exception"/> is neither type.</exception>
    public static void AddServiceErrors(this ModelStateDictionary modelState, Exception exception, string prefix, Type inputType)
    {
        switch (exception)
        {
            case InputValidationException invalid:
                foreach (var (field, messages) in invalid.Errors)
                {
                    foreach (var message in messages)
                    {
                        AddFieldError(modelState, prefix, inputType, field, message);
                    }
                }

                break;

            case BusinessException business:
                AddFieldError(modelState, prefix, inputType, business.Field, business.Message);
                break;

            default:
                throw new ArgumentException($"Only {nameof(InputValidationException)} and {nameof(BusinessException)} carry field errors, not {exception.GetType().Name}.", nameof(exception));
        }
    }

    private static void AddFieldError(ModelStateDictionary modelState, string prefix, Type inputType, string? field, string message)
    {
        if (string.IsNullOrEmpty(field))
        {
            modelState.AddModelError(string.Empty, message);
            return;
        }

        // The services name fields after the C# properties, but the camelCase JSON form is accepted as well.
        var path = string.Join('.', field.Split('.').Select(ToPascalCase));
        if (IsFormField(inputType, path))
        {
            modelState.AddModelError(string.IsNullOrEmpty(prefix) ? path : $"{prefix}.{path}", message);
        }
        else
        {
            modelState.AddModelError(string.Empty, $"{path}: {message}");
        }
    }

    /// <summary>Tells whether the first segment of <paramref name="path"/>, without an indexer, is a settable property other than the concurrency stamp.</summary>
    private static bool IsFormField(Type inputType, string path)
    {
        var root = path.Split('.')[0];
        var bracket = root.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0)
        {
            root = root[..bracket];
        }

        var property = inputType.GetProperty(root, BindingFlags.Public | BindingFlags.Instance);
        return property is { CanWrite: true } && property.Name != nameof(AggregateRoot.ConcurrencyStamp);
    }

    private static string ToPascalCase(string segment) =>
        segment.Length == 0 || char.IsUpper(segment[0]) ? segment : char.ToUpperInvariant(segment[0]) + segment[1..];
}
