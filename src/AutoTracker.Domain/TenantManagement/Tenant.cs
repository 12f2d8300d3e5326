using AutoTracker.Domain;
using AutoTracker.MultiTenancy;
using AutoTracker.Vehicles;

namespace AutoTracker.TenantManagement;

/// <summary>A dealership or fleet using the service. Tenants live in the host's tables and have no TenantId.</summary>
public sealed class Tenant : AggregateRoot
{
    private Tenant()
        : base(Guid.Empty)
    {
        Name = string.Empty;
        NormalizedName = string.Empty;
    }

    public Tenant(Guid id, string name)
        : base(id)
    {
        Name = string.Empty;
        NormalizedName = string.Empty;
        Rename(name);
        IsActive = true;
    }

    public string Name { get; private set; }

    public string NormalizedName { get; private set; }

    public bool IsActive { get; private set; }

    /// <summary>Unit in which the tenant's pages show fuel economy.</summary>
    public EconomyUnit EconomyUnit { get; set; } = EconomyUnit.LitersPer100Kilometers;

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var trimmed = name.Trim();
        if (trimmed.Length > TenantConsts.MaxNameLength)
        {
            throw new ArgumentException($"A tenant name has at most {TenantConsts.MaxNameLength} characters.", nameof(name));
        }

        Name = trimmed;
        NormalizedName = NormalizeName(trimmed);
    }

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;

    public static string NormalizeName(string name) => name.Trim().ToUpperInvariant();
}
