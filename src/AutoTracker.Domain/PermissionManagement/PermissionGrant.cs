using AutoTracker.Domain;
using AutoTracker.MultiTenancy;

namespace AutoTracker.PermissionManagement;

/// <summary>
/// One permission granted to one role or user of a tenant (or of the host, with a null tenant). A row exists only
/// while the permission is granted, so revoking deletes it.
/// </summary>
public sealed class PermissionGrant : AggregateRoot, IMultiTenant
{
    private PermissionGrant()
        : base(Guid.Empty)
    {
        Name = string.Empty;
        ProviderName = string.Empty;
        ProviderKey = string.Empty;
    }

    /// <param name="providerName"><see cref="PermissionProviderNames.Role"/> or <see cref="PermissionProviderNames.User"/>.</param>
    /// <param name="providerKey">The role's name, or the user's id in the "D" format.</param>
    public PermissionGrant(Guid id, string name, string providerName, string providerKey)
        : base(id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(providerKey);
        if (providerName is not (PermissionProviderNames.Role or PermissionProviderNames.User))
        {
            throw new ArgumentException($"The provider name {providerName} is neither {PermissionProviderNames.Role} nor {PermissionProviderNames.User}.", nameof(providerName));
        }

        Name = name;
        ProviderName = providerName;
        ProviderKey = providerKey;
    }

    /// <summary>Set by the database layer to the tenant of the operation that inserts the row.</summary>
    public Guid? TenantId { get; private set; }

    /// <summary>Name of a defined permission, such as <c>AutoTracker.Vehicles.Create</c>.</summary>
    public string Name { get; private set; }

    public string ProviderName { get; private set; }

    public string ProviderKey { get; private set; }

    /// <summary>Points a role grant at the role's new name, because role grants are keyed by name.</summary>
    public void RenameRole(string roleName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(roleName);
        if (ProviderName != PermissionProviderNames.Role)
        {
            throw new InvalidOperationException($"Grant {Id} belongs to a user, whose key is the user's id and never changes.");
        }

        ProviderKey = roleName;
    }

    /// <summary>Returns the provider key of a user: the id in the "D" format, as grants store it.</summary>
    public static string UserKey(Guid userId) => userId.ToString("D");
}
