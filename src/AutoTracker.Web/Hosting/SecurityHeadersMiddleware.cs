using System.Security.Cryptography;

namespace AutoTracker.Hosting;

/// <summary>
/// Adds the browser security headers to every response, error pages included. The Content-Security-Policy
/// allows scripts and styles only from this origin or with the per-request nonce, so injected inline script
/// does not run.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string NonceItemKey = "csp-nonce";

    public Task InvokeAsync(HttpContext context)
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        context.Items[NonceItemKey] = nonce;

        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy =
                $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; " +
                "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            // A page may have set a stricter policy, as the set-password page does for the token in its address.
            headers.TryAdd("Referrer-Policy", "strict-origin-when-cross-origin");
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";
            headers.XFrameOptions = "DENY";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });

        return next(context);
    }
}

public static class CspNonceExtensions
{
    /// <summary>Returns the nonce that inline scripts and styles of this response must carry.</summary>
    public static string GetCspNonce(this HttpContext context) =>
        context.Items[SecurityHeadersMiddleware.NonceItemKey] as string ?? string.Empty;
}
