using Microsoft.AspNetCore.Mvc;

namespace AutoTracker.Hosting;

/// <summary>
/// Rejects a query string that repeats a parameter (<c>?kind=Fleet&amp;kind=Inventory</c>) with 400, so no
/// part of the app has to guess which value was meant (HTTP parameter pollution).
/// </summary>
public sealed class DuplicateQueryParameterMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var repeated = context.Request.Query.FirstOrDefault(q => q.Value.Count > 1).Key;
        if (repeated is null)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            return;
        }

        await context.WriteProblemAsync(new ValidationProblemDetails(new Dictionary<string, string[]>
        {
            [repeated] = ["The parameter is given more than once; send it once."],
        })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid.",
        });
    }
}
