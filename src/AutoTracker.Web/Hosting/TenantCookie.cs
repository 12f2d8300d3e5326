namespace AutoTracker.Hosting;

/// <summary>
/// The cookie that remembers the tenant chosen on the sign-in page. It contains the tenant's name only, never an id,
/// and is HttpOnly, SameSite=Lax and, outside Development, Secure with the <c>__Host-</c> prefix, like the
/// antiforgery and TempData cookies.
/// </summary>
public static class TenantCookie
{
    public const string Name = "__Host-AutoTracker.Tenant";

    /// <summary>Name on plain-http Development, where browsers refuse a <c>__Host-</c> cookie.</summary>
    public const string DevelopmentName = "AutoTracker.Tenant";

    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);

    public static string NameFor(IHostEnvironment environment) => environment.IsDevelopment() ? DevelopmentName : Name;

    public static void Set(HttpContext context, IHostEnvironment environment, string tenantName) =>
        context.Response.Cookies.Append(NameFor(environment), tenantName, Options(context, environment, Lifetime));

    public static void Delete(HttpContext context, IHostEnvironment environment) =>
        context.Response.Cookies.Delete(NameFor(environment), Options(context, environment, null));

    private static CookieOptions Options(HttpContext context, IHostEnvironment environment, TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        Secure = !environment.IsDevelopment() || context.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        MaxAge = maxAge,
        IsEssential = true,
    };
}
