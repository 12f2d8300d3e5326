using AutoTracker.Application;
using AutoTracker.Authorization;
using AutoTracker.Domain;
using AutoTracker.Localization;
using AutoTracker.Permissions;
using AutoTracker.Vehicles;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Vehicles;

/// <summary>
/// Uploads a CSV file for a preview (POST), then shows the preview (GET with batchId). The commit runs in
/// the browser through the import API, which reports its progress while it runs.
/// </summary>
[Authorize(AutoTrackerPermissions.Vehicles.Import)]
[RequestSizeLimit(ImportLimits.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportLimits.MaxRequestBytes)]
[ImportUploadTooLargeFilter]
public sealed class ImportModel(
    IPermissionChecker permissions,
    IVehicleImportAppService imports,
    IVehicleAppService vehicles,
    IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    public const long MaxFileBytes = VehicleImportsController.MaxFileBytes;

    [BindProperty(SupportsGet = true)]
    public ImportRecordKind RecordKind { get; set; }

    [BindProperty]
    public ImportFormat Format { get; set; }

    /// <summary>Vehicle that receives fuel entries or service records, ignored for vehicle imports.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? VehicleId { get; set; }

    /// <summary>Unit of the file's odometer values, or null for the format's default.</summary>
    [BindProperty]
    public MeterUnit? DistanceUnit { get; set; }

    /// <summary>Unit of the file's fuel quantities, or null for the format's default.</summary>
    [BindProperty]
    public FuelUnit? VolumeUnit { get; set; }

    /// <summary>Puts the service records' odometer values into their notes instead of the meter history.</summary>
    [BindProperty]
    public bool ServiceOdometersAsNotes { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>Upload whose preview is shown.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? BatchId { get; set; }

    public ImportPreviewDto? Preview { get; private set; }

    /// <summary>Vehicles offered as the target of fuel entries and service records.</summary>
    public IReadOnlyList<VehicleDto> VehicleChoices { get; private set; } = [];

    /// <summary>The kinds of records the user may import, as select options.</summary>
    public IReadOnlyList<SelectListItem> RecordKindChoices { get; private set; } = [];

    /// <summary>True when the tenant has more vehicles than the choice list shows.</summary>
    public bool HasMoreVehicles { get; private set; }

    /// <summary>Shows the upload form, or the preview of <see cref="BatchId"/>.</summary>
    /// <param name="fileTooLarge">Set by <see cref="ImportUploadTooLargeFilter"/> after it rejected an upload.</param>
    public async Task<IActionResult> OnGetAsync(bool fileTooLarge, CancellationToken cancellationToken)
    {
        await LoadChoicesAsync(cancellationToken);
        if (fileTooLarge)
        {
            AddFileTooLargeError();
        }

        if (BatchId is not { } batchId || !ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            Preview = await imports.GetPreviewAsync(batchId, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }
        catch (Exception ex) when (ex is InputValidationException or BusinessException)
        {
            ModelState.AddServiceErrors(ex, prefix: string.Empty, typeof(ImportModel));
            return Page();
        }

        RecordKind = Preview.RecordKind;
        Format = Preview.Format;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        BatchId = null;
        ValidateUpload();
        if (!ModelState.IsValid)
        {
            await LoadChoicesAsync(cancellationToken);
            return Page();
        }

        var upload = new ImportUploadDto
        {
            Format = Format,
            RecordKind = RecordKind,
            VehicleId = RecordKind == ImportRecordKind.Vehicles ? null : VehicleId,
            FileName = Path.GetFileName(Upload!.FileName),
            DistanceUnit = DistanceUnit,
            VolumeUnit = VolumeUnit,
            ServiceOdometersAsNotes = RecordKind == ImportRecordKind.ServiceRecords && ServiceOdometersAsNotes,
        };

        ImportPreviewDto preview;
        try
        {
            await using var content = Upload.OpenReadStream();
            preview = await imports.PreviewAsync(upload, content, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            ModelState.AddModelError(nameof(VehicleId), localizer["The vehicle was not found. Choose another one."]);
            await LoadChoicesAsync(cancellationToken);
            return Page();
        }
        catch (Exception ex) when (ex is InputValidationException or BusinessException)
        {
            ModelState.AddServiceErrors(ex, prefix: string.Empty, typeof(ImportModel));
            await LoadChoicesAsync(cancellationToken);
            return Page();
        }

        return RedirectToPage("/Vehicles/Import", new { batchId = preview.BatchId, vehicleId = upload.VehicleId });
    }

    private void ValidateUpload()
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), localizer["Choose a CSV file to import."]);
        }
        else if (Upload.Length > MaxFileBytes)
        {
            AddFileTooLargeError();
        }
        else if (!string.Equals(Path.GetExtension(Upload.FileName), ".csv", StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError(nameof(Upload), localizer["Choose a file that ends in .csv."]);
        }

        if (RecordKind != ImportRecordKind.Vehicles && VehicleId is null)
        {
            ModelState.AddModelError(nameof(VehicleId), localizer["Choose the vehicle that receives the records."]);
        }
    }

    private void AddFileTooLargeError() =>
        ModelState.AddModelError(nameof(Upload), localizer["The file is larger than {0} MB. Split it into smaller files.", MaxFileBytes / 1024 / 1024]);

    /// <summary>Loads the record kinds the user may import and the vehicles that can receive records.</summary>
    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        var kinds = new List<SelectListItem>();
        foreach (var kind in Enum.GetValues<ImportRecordKind>())
        {
            if (await permissions.IsGrantedAsync(AutoTrackerPermissions.CreatePermissionFor(kind), cancellationToken))
            {
                kinds.Add(new SelectListItem(localizer.Display(kind), kind.ToString()));
            }
        }

        RecordKindChoices = kinds;

        var page = await vehicles.GetListAsync(
            new GetVehicleListInput { Sort = VehicleSortField.Make, Descending = false, Take = PagedRequest.MaxPageSize },
            cancellationToken);
        var choices = page.Items.ToList();
        HasMoreVehicles = page.HasMore;

        // A vehicle chosen through a link from its own page is offered even when it is beyond the first page.
        if (VehicleId is { } vehicleId && choices.All(v => v.Id != vehicleId))
        {
            try
            {
                choices.Insert(0, await vehicles.GetAsync(vehicleId, cancellationToken));
            }
            catch (EntityNotFoundException)
            {
                VehicleId = null;
            }
        }

        VehicleChoices = choices;
    }
}
