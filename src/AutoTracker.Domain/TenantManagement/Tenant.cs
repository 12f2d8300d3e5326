using AutoTracker.Domain;
using AutoTracker.MultiTenancy;

namespace AutoTracker.TenantManagement;

/// <summary>A dealership or fleet using the service. Tenants live in the host's tables and have no TenantId.</summary>
public sealed class Tenant : AggregateRoot, IHostOnly
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

    /// <summary>Most vehicles the tenant may keep, or null for no limit.</summary>
    public int? MaxVehicles { get; private set; }

    /// <summary>Most users the tenant may have, or null for no limit.</summary>
    public int? MaxUsers { get; private set; }

    /// <summary>
    /// Deleted tenants stay in the table, so their name cannot be taken over. Tenant administration shows them only
    /// in lists that ask for them, and never changes them.
    /// </summary>
    public bool IsDeleted { get; private set; }

    public DateTime? DeletionTime { get; private set; }

    /// <summary>
    /// The connection string of the tenant's own database, encrypted with Data Protection, or null when the tenant's
    /// data lives in the shared database. Only the database layer decrypts it.
    /// </summary>
    public string? ProtectedConnectionString { get; private set; }

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

    /// <summary>Points the tenant at its own database (an encrypted connection string) or, with null, at the shared one.</summary>
    public void SetProtectedConnectionString(string? protectedConnectionString) =>
        ProtectedConnectionString = string.IsNullOrEmpty(protectedConnectionString) ? null : protectedConnectionString;

    /// <summary>Sets the limits; a negative limit is a programming error, because input validation rejects it first.</summary>
    public void SetLimits(int? maxVehicles, int? maxUsers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxVehicles ?? 0, nameof(maxVehicles));
        ArgumentOutOfRangeException.ThrowIfNegative(maxUsers ?? 0, nameof(maxUsers));
        MaxVehicles = maxVehicles;
        MaxUsers = maxUsers;
    }

    /// <summary>Marks the tenant deleted and inactive, which signs its users out on their next request.</summary>
    public void Delete(DateTime utcNow)
    {
        IsDeleted = true;
        IsActive = false;
        DeletionTime = utcNow;
    }

    public void Activate() => IsActive = true;

    /// <summary>
    /// Upper-cases the ASCII letters only. Full Unicode case mapping would fold look-alikes onto tenant names, such
    /// as the long s (U+017F) onto S, so that "hoſt" named the tenant "host".
    /// </summary>
    public static string NormalizeName(string name)
    {
        var trimmed = name.Trim();
        return string.Create(trimmed.Length, trimmed, static (buffer, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                buffer[i] = char.IsAsciiLetterLower(source[i]) ? (char)(source[i] - ('a' - 'A')) : source[i];
            }
        });
    }
}
