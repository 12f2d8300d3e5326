using AutoTracker.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AutoTracker.Pages.Identity.Users;

/// <summary>What the shared user form shows: the values, the tenant's roles with the selected ones, and the field errors.</summary>
public sealed record UserFormView(IdentityUserCreateOrUpdateDtoBase Input, IReadOnlyList<AssignableRoleDto> Roles, IReadOnlyCollection<string> SelectedRoles, ModelStateDictionary ModelState)
{
    /// <summary>Returns the field's error messages joined, or null when it has none.</summary>
    public string? Error(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;
}
