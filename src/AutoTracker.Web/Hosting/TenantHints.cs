using AutoTracker.MultiTenancy;
using Microsoft.Net.Http.Headers;

namespace AutoTracker.Hosting;

/// <summary>Where a tenant hint came from, in the order of precedence after the signed-in user's claim.</summary>
public enum TenantHintSource
{
    Domain,
    Header,
    Cookie,
}

/// <summary>A tenant name that the request names through its host name, header or cookie.</summary>
public sealed record TenantHint(TenantHintSource Source, string Name);

/// <summary>Why tenant resolution stopped a request.</summary>
public enum TenantRejection
{
    /// <summary>
    /// A hint is not a tenant name (too long, control characters), the header is given twice, or the cookie is
    /// given twice with different values: 400.
    /// </summary>
    Invalid,

    /// <summary>A signed-in user's request names another tenant than the user's own: 403.</summary>
    OtherTenant,

    /// <summary>An anonymous request names a tenant that does not exist or is inactive: 404.</summary>
    NotFound,
}

/// <summary>
/// The outcome of tenant resolution for the request, kept in the request's features so that the sign-in
/// page and the error page can show it.
/// </summary>
public sealed class TenantResolutionFeature
{
    /// <summary>The tenant that a hint resolved for an anonymous request; null for signed-in users and the host.</summary>
    public TenantSummary? HintedTenant { get; init; }

    /// <summary>The hint that decided the outcome: the one that resolved or the one that was rejected.</summary>
    public TenantHint? Hint { get; init; }

    public TenantRejection? Rejection { get; init; }

    /// <summary>True when the host name fixes the tenant, so the sign-in page offers no tenant switch.</summary>
    public bool IsFixedByDomain => Hint?.Source == TenantHintSource.Domain;
}

/// <summary>Reads the tenant hints of a request: the host name under the domain pattern, the header and the cookie.</summary>
public static class TenantHints
{
    /// <summary>
    /// Returns the request's hints in order of precedence, or null when one of them is not a valid tenant name, the
    /// header is given twice or the cookie has two different values. An empty header or cookie counts as absent.
    /// </summary>
    public static List<TenantHint>? Read(HttpContext context, MultiTenancyOptions options, string cookieName, out TenantHint? invalid)
    {
        invalid = null;
        var hints = new List<TenantHint>();
        if (options.HasDomainPattern && MatchDomain(context.Request.Host.Host, options.DomainPattern!) is { } label)
        {
            hints.Add(new TenantHint(TenantHintSource.Domain, label));
        }

        var header = context.Request.Headers[options.TenantHeader];
        if (header.Count > 1)
        {
            invalid = new TenantHint(TenantHintSource.Header, string.Join(',', header.ToArray()));
            return null;
        }

        if (!string.IsNullOrEmpty(header.ToString()))
        {
            hints.Add(new TenantHint(TenantHintSource.Header, header.ToString()));
        }

        // Request.Cookies keeps one value of a repeated cookie, so the Cookie headers are read whole.
        var cookies = ReadCookieValues(context.Request, cookieName);
        if (cookies.Count > 1)
        {
            invalid = new TenantHint(TenantHintSource.Cookie, string.Join(',', cookies));
            return null;
        }

        if (cookies.Count == 1)
        {
            hints.Add(new TenantHint(TenantHintSource.Cookie, cookies[0]));
        }

        invalid = hints.FirstOrDefault(hint => !IsValidName(hint.Name));
        return invalid is null ? hints : null;
    }

    /// <summary>
    /// Returns the distinct non-empty values of the cookie <paramref name="name"/>, compared exactly. A browser sends
    /// one name twice when cookies of two paths or domains match, and the same value given twice counts once.
    /// </summary>
    private static List<string> ReadCookieValues(HttpRequest request, string name)
    {
        if (!CookieHeaderValue.TryParseList(request.Headers.Cookie, out var cookies))
        {
            return [];
        }

        return cookies
            .Where(cookie => cookie.Name.Equals(name, StringComparison.Ordinal))
            .Select(cookie => Uri.UnescapeDataString(HeaderUtilities.RemoveQuotes(cookie.Value).ToString()))
            .Where(value => value.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Returns the host label in the place of <c>{0}</c>, or null when the host does not match the pattern.</summary>
    public static string? MatchDomain(string host, string pattern)
    {
        var index = pattern.IndexOf(MultiTenancyOptions.TenantPlaceholder, StringComparison.Ordinal);
        var prefix = pattern[..index];
        var suffix = pattern[(index + MultiTenancyOptions.TenantPlaceholder.Length)..];
        if (host.Length <= prefix.Length + suffix.Length
            || !host.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            || !host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // The placeholder is one DNS label, so a.b.autotracker.example does not name tenant "a.b".
        var label = host[prefix.Length..^suffix.Length];
        return label.Contains('.') ? null : label;
    }

    /// <summary>True for a name that a tenant could have: not blank, at most the maximum length, no control characters.</summary>
    public static bool IsValidName(string name) =>
        !string.IsNullOrWhiteSpace(name) && name.Trim().Length <= TenantConsts.MaxNameLength && !name.Any(char.IsControl);
}
