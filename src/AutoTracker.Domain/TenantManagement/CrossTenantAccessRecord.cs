using AutoTracker.MultiTenancy;

namespace AutoTracker.TenantManagement;

/// <summary>
/// One time a host user looked inside a tenant's data through a host feature. Written before the data is read,
/// so every cross-tenant read leaves a record even when it fails.
/// </summary>
public sealed class CrossTenantAccessRecord : IHostOnly
{
    private CrossTenantAccessRecord()
    {
        Purpose = string.Empty;
    }

    public CrossTenantAccessRecord(Guid id, Guid tenantId, Guid? userId, string purpose, DateTime accessTime)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        if (purpose.Length > MaxPurposeLength)
        {
            throw new ArgumentException($"A purpose has at most {MaxPurposeLength} characters.", nameof(purpose));
        }

        Id = id;
        TenantId = tenantId;
        UserId = userId;
        Purpose = purpose;
        AccessTime = accessTime;
    }

    public const int MaxPurposeLength = 128;

    public Guid Id { get; private set; }

    /// <summary>The tenant whose data was read.</summary>
    public Guid TenantId { get; private set; }

    /// <summary>The host user who read it, or null for a process without a user, such as the DbMigrator.</summary>
    public Guid? UserId { get; private set; }

    /// <summary>The host feature that read it, a constant from <see cref="CrossTenantPurposes"/>.</summary>
    public string Purpose { get; private set; }

    public DateTime AccessTime { get; private set; }
}

/// <summary>The host features allowed to read inside a tenant.</summary>
public static class CrossTenantPurposes
{
    /// <summary>Tenant administration shows a tenant's usage (vehicles and users) against its limits.</summary>
    public const string TenantUsage = "TenantManagement.Usage";
}
