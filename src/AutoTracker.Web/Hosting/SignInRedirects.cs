using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace AutoTracker.Hosting;

/// <summary>
/// Rewrites the sign-in and access-denied redirects of the cookie handler. The handler builds them as
/// <c>scheme://Host/Account/Login?ReturnUrl=…</c> from the request, so a forged Host header would end up in the
/// Location header. The Location is made from <c>AutoTracker:PublicBaseUrl</c> instead or, when that is not set,
/// is relative: browsers resolve a relative Location against the URL they requested (RFC 9110, section 10.2.2),
/// so it reaches the right host without the app trusting the Host header.
/// </summary>
public static class SignInRedirects
{
    /// <summary>Returns the Location for the handler's redirect; <paramref name="fallbackPath"/> is used if its URI has an unexpected form.</summary>
    public static string PublicLocation(RedirectContext<CookieAuthenticationOptions> context, PathString fallbackPath)
    {
        // AuthenticationHandler.BuildRedirectUri writes scheme + "://" + host + path base + target path.
        var request = context.Request;
        var requestOrigin = request.Scheme + Uri.SchemeDelimiter + request.Host;
        var redirect = context.RedirectUri;
        var path = redirect.StartsWith(requestOrigin, StringComparison.Ordinal) ? redirect[requestOrigin.Length..] : string.Empty;
        if (!PublicUrlBuilder.IsAppPath(path))
        {
            path = request.PathBase.Add(fallbackPath).ToUriComponent();
        }

        var origin = context.HttpContext.RequestServices.GetRequiredService<IOptions<PublicUrlOptions>>().Value.Origin;
        return origin is null ? path : origin + path;
    }
}
