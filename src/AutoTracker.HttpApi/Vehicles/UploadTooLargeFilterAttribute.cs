using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace AutoTracker.Vehicles;

/// <summary>
/// Rejects an import upload whose Content-Length is above <see cref="ImportLimits.MaxRequestBytes"/> before
/// anything reads the form, with a response that names the size limit. Reading the form would fail on the
/// request size limit, inside the antiforgery check or the model binding, and the user would see an error
/// page or "Choose a CSV file" instead.
/// </summary>
/// <remarks>
/// The filter reads and discards the body first, up to <see cref="MaxDrainedBytes"/>, because a browser that is
/// still sending may not show a response that arrives before its upload ends.
/// NOTE: a larger body, or one sent without Content-Length, is not drained, so the client may see the
/// connection close instead of the response.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public abstract class UploadTooLargeFilterAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>Largest body drained before the response; the filter responds to a larger upload at once.</summary>
    public const long MaxDrainedBytes = 16 * ImportLimits.MaxFileBytes;

    /// <summary>
    /// Runs after <see cref="RequestSizeLimitAttribute"/> (order 900), which sets the request's size limit, and
    /// before the antiforgery check (order 1000), which reads the form.
    /// </summary>
    public int Order => 950;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsPost(request.Method) || request.ContentLength is not { } length || length <= ImportLimits.MaxRequestBytes)
        {
            return;
        }

        if (length <= MaxDrainedBytes)
        {
            await DrainAsync(context.HttpContext, length);
        }

        context.Result = CreateResult(context);
    }

    /// <summary>Error message for an upload that is too large, with the file size limit.</summary>
    public static string FileTooLargeMessage => $"The file is larger than {ImportLimits.MaxFileBytes / 1024 / 1024} MB; split it into smaller files.";

    /// <summary>Returns the response to an upload that is too large.</summary>
    protected abstract IActionResult CreateResult(AuthorizationFilterContext context);

    private static async Task DrainAsync(HttpContext context, long length)
    {
        // The request size limit would stop the read; nothing has read the body yet, so it can still be raised.
        var sizeLimit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeLimit is { IsReadOnly: false })
        {
            sizeLimit.MaxRequestBodySize = length;
        }

        var buffer = new byte[81_920];
        int read;
        do
        {
            read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted);
        }
        while (read > 0);
    }
}
