namespace AutoTracker.MultiTenancy;

public static class TenantConsts
{
    public const int MaxNameLength = 63;

    /// <summary>Name of the claim that carries the signed-in user's tenant id; absent for host users.</summary>
    public const string TenantIdClaimType = "tenantid";

    public const string TenantNameClaimType = "tenantname";
}
