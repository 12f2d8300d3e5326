using System.Collections;
using System.ComponentModel.DataAnnotations;
using AutoTracker.Domain;

namespace AutoTracker.Application;

/// <summary>
/// Validates an input DTO's data annotations, including the items of list properties, before an application
/// service uses it; the API and the pages therefore share one set of rules.
/// </summary>
public static class InputValidator
{
    public static void Validate(object input)
    {
        var errors = new Dictionary<string, List<string>>();
        Collect(input, prefix: string.Empty, errors);
        if (errors.Count > 0)
        {
            throw new InputValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }

    private static void Collect(object input, string prefix, Dictionary<string, List<string>> errors)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames.DefaultIfEmpty(string.Empty))
            {
                var key = prefix + member;
                if (!errors.TryGetValue(key, out var list))
                {
                    errors[key] = list = [];
                }

                list.Add(result.ErrorMessage ?? "The value is invalid.");
            }
        }

        foreach (var property in input.GetType().GetProperties())
        {
            if (property.PropertyType == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
            {
                continue;
            }

            if (property.GetValue(input) is not IEnumerable items)
            {
                continue;
            }

            var index = 0;
            foreach (var item in items)
            {
                if (item is not null && !item.GetType().IsPrimitive)
                {
                    Collect(item, $"{prefix}{property.Name}[{index}].", errors);
                }

                index++;
            }
        }
    }
}
