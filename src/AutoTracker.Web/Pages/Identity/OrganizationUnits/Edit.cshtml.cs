using AutoTracker.Domain;
using AutoTracker.Identity;
using AutoTracker.Localization;
using AutoTracker.Pages.Vehicles;
using AutoTracker.Permissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Identity.OrganizationUnits;

/// <summary>Two forms on one unit: one renames it, the other moves it under another parent.</summary>
[Authorize(IdentityPermissions.OrganizationUnits.Edit)]
public sealed class EditModel(IOrganizationUnitAppService units, IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    [BindProperty]
    public UpdateOrganizationUnitDto Input { get; set; } = new();

    [BindProperty]
    public MoveOrganizationUnitDto Move { get; set; } = new();

    public OrganizationUnitDto Unit { get; private set; } = null!;

    /// <summary>Units the form offers as new parents: every unit except this one and the units below it.</summary>
    public IReadOnlyList<OrganizationUnitDto> ParentChoices { get; private set; } = [];

    /// <summary>Set when a save failed because someone else changed the unit since the form was opened.</summary>
    public bool HasConflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = new UpdateOrganizationUnitDto { DisplayName = Unit.DisplayName, ConcurrencyStamp = Unit.ConcurrencyStamp };
        Move = new MoveOrganizationUnitDto { NewParentId = Unit.ParentId, ConcurrencyStamp = Unit.ConcurrencyStamp };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!IsValid(nameof(Input)))
        {
            return Page();
        }

        return await SaveAsync(() => units.UpdateAsync(id, Input, cancellationToken), nameof(Input), Input.GetType());
    }

    public async Task<IActionResult> OnPostMoveAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!IsValid(nameof(Move)))
        {
            return Page();
        }

        return await SaveAsync(() => units.MoveAsync(id, Move, cancellationToken), nameof(Move), Move.GetType());
    }

    /// <summary>
    /// Tells whether the fields of one form are valid. Each post carries one of the two forms, and the other one's
    /// required fields are missing by design.
    /// </summary>
    private bool IsValid(string prefix) =>
        ModelState.GetFieldValidationState(prefix) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid;

    private async Task<IActionResult> SaveAsync(Func<Task<OrganizationUnitDto>> save, string prefix, Type inputType)
    {
        try
        {
            var saved = await save();
            TempData[StatusMessage.Key] = localizer["Unit {0} saved.", saved.DisplayName].Value;
            return RedirectToPage("/Identity/OrganizationUnits/Index");
        }
        catch (InputValidationException ex)
        {
            ModelState.AddServiceErrors(ex, prefix, inputType);
        }
        catch (ConcurrencyConflictException)
        {
            // The forms get the current stamp, so the next save overwrites the other change on purpose.
            HasConflict = true;
            ModelState.Remove(nameof(Input) + "." + nameof(Input.ConcurrencyStamp));
            ModelState.Remove(nameof(Move) + "." + nameof(Move.ConcurrencyStamp));
            Input.ConcurrencyStamp = Unit.ConcurrencyStamp;
            Move.ConcurrencyStamp = Unit.ConcurrencyStamp;
        }

        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Unit = await units.GetAsync(id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return false;
        }

        var all = await units.GetListAsync(cancellationToken);
        ParentChoices = all.Where(u => u.Code != Unit.Code && !u.Code.StartsWith(Unit.Code + ".", StringComparison.Ordinal)).ToList();
        return true;
    }
}
