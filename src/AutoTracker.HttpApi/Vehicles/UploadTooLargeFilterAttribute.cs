using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace AutoTracker.Vehicles;

/// <summary>
/// Answers an import upload whose Content-Length is above <see cref="ImportLimits.MaxRequestBytes"/> before
/// anything reads the form. Reading it would fail on the request size limit, inside the antiforgery check or
/// the model binding, and the user would see an error page or "choose a file" instead of the size limit.
/// </summary>
/// <remarks>
/// The filter reads and discards the body first, up to <see cref="MaxDrainedBytes"/>, because a browser that is
/// still sending may not show an answer that arrives before its upload ends.
/// NOTE: a larger body, or one sent without Content-Length, is not drained; the client may then see the
/// connection close instead of the answer.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public abstract class UploadTooLargeFilterAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>Largest body drained before answering; larger uploads are answered at once.</summary>
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

    /// <summary>Returns the answer to an upload that is too large, which names the limit.</summary>
    protected abstract IActionResult CreateResult(AuthorizationFilterContext context);

    /// <summary>Returns the message for an upload that is too large, which names the limit.</summary>
    protected static string Message => $"The file is larger than {ImportLimits.MaxFileBytes / 1024 / 1024} MB; split it into smaller files.";

    private static async Task DrainAsync(HttpContext context, long length)
    {
        // The request size limit would stop the read; nothing has read the body yet, so it can still be raised.
        var sizeLimit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeLimit is { IsReadOnly: false })
        {
            sizeLimit.MaxRequestBodySize = length;
        }

        var buffer = new byte[81_920];
        while (await context.Request.Body.ReadAsync(buffer, context.RequestAborted) > 0)
        {
        }
    }
}
