using AutoTracker.Vehicles;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace AutoTracker.Pages.Vehicles;

/// <summary>
/// Redirects an upload above the request limit back to the import page, which then shows the size error
/// next to the file field. The record kind and vehicle of the page's address are kept; the form's other
/// fields are in the body, which is not read.
/// </summary>
public sealed class ImportUploadTooLargeFilter : UploadTooLargeFilterAttribute
{
    protected override IActionResult CreateResult(AuthorizationFilterContext context)
    {
        var query = context.HttpContext.Request.Query;
        return new RedirectToPageResult("/Vehicles/Import", new
        {
            recordKind = query["recordKind"].ToString() is { Length: > 0 } kind ? kind : null,
            vehicleId = query["vehicleId"].ToString() is { Length: > 0 } vehicle ? vehicle : null,
            fileTooLarge = true,
        });
    }
}
