using AutoTracker.MultiTenancy;

namespace AutoTracker.Authorization;

/// <summary>
/// A named permission with its children. A child is held only together with its parent, and it exists on the
/// same sides as its parent or on fewer.
/// </summary>
public sealed class PermissionDefinition
{
    private readonly List<PermissionDefinition> _children = [];

    internal PermissionDefinition(string groupName, string name, string displayNameKey, MultiTenancySides sides, PermissionDefinition? parent)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayNameKey);
        if (name.Length > PermissionManagement.PermissionGrantConsts.MaxNameLength)
        {
            throw new ArgumentException($"The permission name {name} is longer than {PermissionManagement.PermissionGrantConsts.MaxNameLength} characters.", nameof(name));
        }

        if (parent is not null && (sides & ~parent.MultiTenancySides) != 0)
        {
            throw new ArgumentException($"The permission {name} exists on {sides}, but its parent {parent.Name} only on {parent.MultiTenancySides}.", nameof(sides));
        }

        GroupName = groupName;
        Name = name;
        DisplayNameKey = displayNameKey;
        MultiTenancySides = sides;
        Parent = parent;
    }

    public string GroupName { get; }

    public string Name { get; }

    /// <summary>Key of the display name in <c>AutoTrackerResource</c>.</summary>
    public string DisplayNameKey { get; }

    public MultiTenancySides MultiTenancySides { get; }

    public PermissionDefinition? Parent { get; }

    public IReadOnlyList<PermissionDefinition> Children => _children;

    /// <summary>Adds a child permission, on the parent's sides unless <paramref name="sides"/> narrows them.</summary>
    public PermissionDefinition AddChild(string name, string displayNameKey, MultiTenancySides? sides = null)
    {
        var child = new PermissionDefinition(GroupName, name, displayNameKey, sides ?? MultiTenancySides, this);
        _children.Add(child);
        return child;
    }

    /// <summary>Tells whether the permission can be granted and checked on the given side.</summary>
    public bool ExistsOn(MultiTenancySides side) => (MultiTenancySides & side) != 0;

    /// <summary>Returns this permission and its ancestors, from this one up to the top.</summary>
    public IEnumerable<string> SelfAndAncestors()
    {
        for (var permission = this; permission is not null; permission = permission.Parent)
        {
            yield return permission.Name;
        }
    }

    /// <summary>Returns this permission and all its descendants, parents before their children.</summary>
    public IEnumerable<PermissionDefinition> SelfAndDescendants()
    {
        yield return this;
        foreach (var descendant in _children.SelectMany(c => c.SelfAndDescendants()))
        {
            yield return descendant;
        }
    }
}

/// <summary>A titled group of top-level permissions, shown as one section of the permission dialog.</summary>
public sealed class PermissionGroupDefinition
{
    private readonly List<PermissionDefinition> _permissions = [];

    internal PermissionGroupDefinition(string name, string displayNameKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayNameKey);
        Name = name;
        DisplayNameKey = displayNameKey;
    }

    public string Name { get; }

    /// <summary>Key of the display name in <c>AutoTrackerResource</c>.</summary>
    public string DisplayNameKey { get; }

    /// <summary>The top-level permissions; their children hang below them.</summary>
    public IReadOnlyList<PermissionDefinition> Permissions => _permissions;

    public PermissionDefinition AddPermission(string name, string displayNameKey, MultiTenancySides sides)
    {
        var permission = new PermissionDefinition(Name, name, displayNameKey, sides, parent: null);
        _permissions.Add(permission);
        return permission;
    }

    /// <summary>Returns every permission of the group, parents before their children.</summary>
    public IEnumerable<PermissionDefinition> AllPermissions() => _permissions.SelectMany(p => p.SelfAndDescendants());
}

/// <summary>Declares a module's permission groups; the definition manager collects every provider's groups at start.</summary>
public interface IPermissionDefinitionProvider
{
    void Define(PermissionDefinitionContext context);
}

/// <summary>Collects the groups that the providers declare.</summary>
public sealed class PermissionDefinitionContext
{
    private readonly List<PermissionGroupDefinition> _groups = [];

    public IReadOnlyList<PermissionGroupDefinition> Groups => _groups;

    public PermissionGroupDefinition AddGroup(string name, string displayNameKey)
    {
        if (_groups.Any(g => g.Name == name))
        {
            throw new InvalidOperationException($"The permission group {name} is defined twice.");
        }

        var group = new PermissionGroupDefinition(name, displayNameKey);
        _groups.Add(group);
        return group;
    }
}
