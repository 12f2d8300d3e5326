namespace AutoTracker.MultiTenancy;

public static class TenantConsts
{
    public const int MaxNameLength = 63;

    /// <summary>
    /// A tenant name is one DNS label (letters, digits and inner hyphens, at most 63 characters), so it can serve
    /// as a subdomain. Names compare case-insensitively.
    /// </summary>
    public const string NamePattern = "^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$";

    /// <summary>
    /// Names a tenant may not take, because they would look like the service's own host names or pages once used as
    /// subdomains. Compared case-insensitively.
    /// </summary>
    public static readonly IReadOnlySet<string> ReservedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "admin", "api", "app", "assets", "auth", "cdn", "docs", "help", "host", "login", "mail", "root", "smtp",
        "static", "status", "support", "system", "www",
    };

    /// <summary>Upper bound of the per-tenant vehicle and user limits that a host admin can set.</summary>
    public const int MaxLimit = 1_000_000;

    /// <summary>Longest connection string of a tenant's own database, in UTF-8 bytes; the encrypted form must fit its column.</summary>
    public const int MaxConnectionStringLength = 1024;

    /// <summary>Name of the claim that carries the signed-in user's tenant id; absent for host users.</summary>
    public const string TenantIdClaimType = "tenantid";

    public const string TenantNameClaimType = "tenantname";
}
