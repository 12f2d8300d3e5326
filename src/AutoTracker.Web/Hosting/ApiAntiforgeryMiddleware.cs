using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace AutoTracker.Hosting;

/// <summary>
/// Protects cookie-authenticated API calls from cross-site request forgery. A state-changing request under
/// <c>/api</c> that is signed in through the auth cookie must echo the antiforgery token in the
/// <c>RequestVerificationToken</c> header; requests without the cookie (bearer-token clients) are not
/// subject to it. Razor Pages validate their form tokens themselves. Signed-in page views also receive the
/// token in the readable <c>XSRF-TOKEN</c> cookie for scripts to send back.
/// </summary>
public sealed class ApiAntiforgeryMiddleware(RequestDelegate next, IAntiforgery antiforgery)
{
    public const string HeaderName = "RequestVerificationToken";
    public const string TokenCookieName = "XSRF-TOKEN";

    public async Task InvokeAsync(HttpContext context)
    {
        var cookieAuthenticated = context.User.Identity is { IsAuthenticated: true, AuthenticationType: var type }
            && type == IdentityConstants.ApplicationScheme;

        if (cookieAuthenticated && context.Request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(context.Request.Method)
            && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method))
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                await WriteRejectedAsync(context);
                return;
            }
        }

        if (cookieAuthenticated && HttpMethods.IsGet(context.Request.Method) && !context.Request.Path.StartsWithSegments("/api"))
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            context.Response.Cookies.Append(
                TokenCookieName,
                tokens.RequestToken!,
                new CookieOptions { HttpOnly = false, Secure = context.Request.IsHttps, SameSite = SameSiteMode.Strict, Path = "/" });
        }

        await next(context);
    }

    private static ValueTask WriteRejectedAsync(HttpContext context) => context.WriteProblemAsync(new ProblemDetails
    {
        Status = StatusCodes.Status400BadRequest,
        Title = $"The antiforgery token is missing or invalid. Send the value of the {TokenCookieName} cookie in the {HeaderName} header.",
    });
}
