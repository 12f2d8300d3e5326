namespace AutoTracker.MultiTenancy;

/// <summary>The sides of the application a feature exists on: the host (the operator of the service), tenants, or both.</summary>
[Flags]
public enum MultiTenancySides
{
    Tenant = 1,
    Host = 2,
    Both = Tenant | Host,
}
