using AutoTracker.Permissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace AutoTracker.Vehicles;

[ApiController]
[Route("api/app/vehicle-imports")]
[Authorize(AutoTrackerPermissions.Vehicles.Import)]
public sealed class VehicleImportsController(IVehicleImportAppService imports) : ControllerBase
{
    public const long MaxFileBytes = ImportLimits.MaxFileBytes;

    [HttpPost("preview")]
    [RequestSizeLimit(ImportLimits.MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = ImportLimits.MaxRequestBytes)]
    [ImportUploadTooLargeProblem]
    public async Task<ActionResult<ImportPreviewDto>> PreviewAsync([FromForm] ImportUploadForm form, CancellationToken cancellationToken)
    {
        if (form.File is null || form.File.Length == 0)
        {
            ModelState.AddModelError(nameof(form.File), "Choose a CSV file to import.");
            return ValidationProblem(ModelState);
        }

        if (form.File.Length > MaxFileBytes)
        {
            ModelState.AddModelError(nameof(form.File), UploadTooLargeFilterAttribute.FileTooLargeMessage);
            return ValidationProblem(ModelState);
        }

        await using var stream = form.File.OpenReadStream();
        var upload = new ImportUploadDto
        {
            Format = form.Format,
            RecordKind = form.RecordKind,
            VehicleId = form.VehicleId,
            FileName = Path.GetFileName(form.File.FileName),
            DistanceUnit = form.DistanceUnit,
            VolumeUnit = form.VolumeUnit,
            ServiceOdometersAsNotes = form.ServiceOdometersAsNotes,
        };
        return await imports.PreviewAsync(upload, stream, cancellationToken);
    }

    [HttpGet("{batchId:guid}")]
    public Task<ImportPreviewDto> GetPreviewAsync(Guid batchId, CancellationToken cancellationToken) =>
        imports.GetPreviewAsync(batchId, cancellationToken);

    [HttpPost("{batchId:guid}/commit")]
    public Task<ImportResultDto> CommitAsync(Guid batchId, CancellationToken cancellationToken) =>
        imports.CommitAsync(batchId, cancellationToken);

    [HttpGet("{batchId:guid}/progress")]
    public Task<ImportProgressDto> GetProgressAsync(Guid batchId, CancellationToken cancellationToken) =>
        imports.GetProgressAsync(batchId, cancellationToken);
}

/// <summary>Rejects an upload above the request limit with 413 and the size error on <c>File</c>.</summary>
public sealed class ImportUploadTooLargeProblemAttribute : UploadTooLargeFilterAttribute
{
    protected override IActionResult CreateResult(AuthorizationFilterContext context)
    {
        var problem = new ValidationProblemDetails(new Dictionary<string, string[]> { [nameof(ImportUploadForm.File)] = [FileTooLargeMessage] })
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Title = FileTooLargeMessage,
        };
        return new ObjectResult(problem) { StatusCode = StatusCodes.Status413PayloadTooLarge, ContentTypes = { "application/problem+json" } };
    }
}

public sealed class ImportUploadForm
{
    public IFormFile? File { get; set; }

    public ImportFormat Format { get; set; }

    public ImportRecordKind RecordKind { get; set; }

    public Guid? VehicleId { get; set; }

    public MeterUnit? DistanceUnit { get; set; }

    public FuelUnit? VolumeUnit { get; set; }

    /// <summary>Puts each service record's odometer value into its notes instead of the meter history; see <see cref="ImportUploadDto.ServiceOdometersAsNotes"/>.</summary>
    public bool ServiceOdometersAsNotes { get; set; }
}
