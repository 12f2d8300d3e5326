using AutoTracker.MultiTenancy;

namespace AutoTracker.Authorization;

/// <summary>
/// Every permission the application defines, looked up by name. Asking for a name that no provider defines is a
/// programming error, so <see cref="Get"/> throws instead of answering as if the permission were denied.
/// </summary>
public sealed class PermissionDefinitionManager
{
    private readonly Dictionary<string, PermissionDefinition> _permissions = new(StringComparer.Ordinal);

    public PermissionDefinitionManager(IEnumerable<IPermissionDefinitionProvider> providers)
    {
        var context = new PermissionDefinitionContext();
        foreach (var provider in providers)
        {
            provider.Define(context);
        }

        Groups = context.Groups;
        foreach (var permission in Groups.SelectMany(g => g.AllPermissions()))
        {
            if (!_permissions.TryAdd(permission.Name, permission))
            {
                throw new InvalidOperationException($"The permission {permission.Name} is defined twice.");
            }
        }
    }

    public IReadOnlyList<PermissionGroupDefinition> Groups { get; }

    /// <summary>Every permission, group by group, parents before their children.</summary>
    public IEnumerable<PermissionDefinition> All => Groups.SelectMany(g => g.AllPermissions());

    /// <summary>Returns the permission named <paramref name="name"/>.</summary>
    /// <exception cref="UndefinedPermissionException">No provider defines the name.</exception>
    public PermissionDefinition Get(string name) =>
        _permissions.TryGetValue(name, out var permission) ? permission : throw new UndefinedPermissionException(name);

    public PermissionDefinition? Find(string name) => _permissions.GetValueOrDefault(name);

    /// <summary>Returns the permissions that can be granted on <paramref name="side"/>, parents before their children.</summary>
    public IEnumerable<PermissionDefinition> AllOn(MultiTenancySides side) => All.Where(p => p.ExistsOn(side));
}

/// <summary>Code asked about a permission name that no provider defines, usually a typo or a definition that was removed.</summary>
public sealed class UndefinedPermissionException(string name)
    : InvalidOperationException($"The permission {name} is not defined. Define it in a permission definition provider or correct the name.")
{
    public string PermissionName { get; } = name;
}
