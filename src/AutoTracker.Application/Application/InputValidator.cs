using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using AutoTracker.Domain;

namespace AutoTracker.Application;

/// <summary>
/// Validates an input DTO before an application service uses it, so the API and the pages share one set of
/// rules. It checks the data annotations, including those of the items of list properties, and rejects a
/// null list item, a null value for a property declared non-nullable, and text with characters that
/// <see cref="TextCharacters"/> rejects. Only properties marked <see cref="MultiLineAttribute"/> may contain
/// line breaks and tabs.
/// </summary>
public static class InputValidator
{
    /// <summary>Throws <see cref="InputValidationException"/> with every error, keyed by the property path, such as <c>Lines[0].UnitCost</c>.</summary>
    public static void Validate(object input)
    {
        var errors = new Dictionary<string, List<string>>();
        Collect(input, prefix: string.Empty, errors, new NullabilityInfoContext());
        if (errors.Count > 0)
        {
            throw new InputValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }

    private static void Collect(object input, string prefix, Dictionary<string, List<string>> errors, NullabilityInfoContext nullability)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames.DefaultIfEmpty(string.Empty))
            {
                Add(errors, prefix + member, result.ErrorMessage ?? "The value is invalid.");
            }
        }

        foreach (var property in input.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || !property.CanRead)
            {
                continue;
            }

            var path = prefix + property.Name;
            var value = property.GetValue(input);
            switch (value)
            {
                case null:
                    CheckNullAllowed(property, path, errors, nullability);
                    break;
                case string text:
                    CheckText(text, property.IsDefined(typeof(MultiLineAttribute)), path, errors);
                    break;
                case IEnumerable items:
                    CollectItems(items, path, errors, nullability);
                    break;
            }
        }
    }

    private static void CollectItems(IEnumerable items, string path, Dictionary<string, List<string>> errors, NullabilityInfoContext nullability)
    {
        var index = 0;
        foreach (var item in items)
        {
            var itemPath = $"{path}[{index}]";
            switch (item)
            {
                case null:
                    Add(errors, itemPath, $"{itemPath} is null; send a value for each item, or remove the item.");
                    break;
                case string text:
                    CheckText(text, multiLine: false, itemPath, errors);
                    break;
                default:
                    if (!item.GetType().IsPrimitive && !item.GetType().IsEnum)
                    {
                        Collect(item, itemPath + ".", errors, nullability);
                    }

                    break;
            }

            index++;
        }
    }

    /// <summary>
    /// Rejects null in a property whose type is a non-nullable reference, such as a list that a JSON body set to
    /// null. A property with <see cref="RequiredAttribute"/> already has its error.
    /// </summary>
    private static void CheckNullAllowed(PropertyInfo property, string path, Dictionary<string, List<string>> errors, NullabilityInfoContext nullability)
    {
        if (property.PropertyType.IsValueType || property.IsDefined(typeof(RequiredAttribute), inherit: true))
        {
            return;
        }

        if (nullability.Create(property).WriteState == NullabilityState.NotNull)
        {
            Add(errors, path, $"{path} may not be null.");
        }
    }

    private static void CheckText(string text, bool multiLine, string path, Dictionary<string, List<string>> errors)
    {
        if (TextCharacters.FindProblem(text, multiLine, path) is { } problem)
        {
            Add(errors, path, problem);
        }
    }

    private static void Add(Dictionary<string, List<string>> errors, string key, string message)
    {
        if (!errors.TryGetValue(key, out var list))
        {
            errors[key] = list = [];
        }

        list.Add(message);
    }
}
