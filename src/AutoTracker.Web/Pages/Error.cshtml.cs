using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AutoTracker.Pages;

/// <summary>Generic error page: shows a status and a request id, never exception details.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int ErrorStatusCode { get; private set; } = 500;

    public string RequestId { get; private set; } = string.Empty;

    /// <summary>Why tenant resolution stopped the failed request, if it did.</summary>
    public Hosting.TenantRejection? TenantRejection { get; private set; }

    public void OnGet(int? statusCode) => Set(statusCode);

    public void OnPost(int? statusCode) => Set(statusCode);

    private void Set(int? statusCode)
    {
        // Opened directly rather than re-executed for a failed request: there is no error to show.
        var reExecuted = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>() is not null;
        if (!reExecuted)
        {
            statusCode = 404;
        }

        ErrorStatusCode = statusCode is >= 400 and < 600 ? statusCode.Value : 500;
        Response.StatusCode = ErrorStatusCode;
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        TenantRejection = reExecuted ? HttpContext.Features.Get<Hosting.TenantResolutionFeature>()?.Rejection : null;
    }
}
