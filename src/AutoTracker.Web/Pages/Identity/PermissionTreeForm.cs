using AutoTracker.PermissionManagement;

namespace AutoTracker.Pages.Identity;

/// <summary>
/// Turns the checkboxes of the permission page into one change for the permission service, keeping parents and
/// children consistent as the page's script does, so that a post without the script gets the same result.
/// </summary>
public static class PermissionTreeForm
{
    /// <summary>
    /// Returns the grants and revocations that make the provider's own grants match the form. <paramref name="shown"/>
    /// names the permissions the form offered and <paramref name="granted"/> those checked; other names are ignored.
    /// Unchecking a permission that the provider would then no longer hold unchecks its descendants. Checking a
    /// permission checks its ancestors, unless a role of the provider grants that ancestor already.
    /// </summary>
    public static UpdatePermissionsDto BuildChanges(
        GetPermissionListResultDto tree,
        string providerName,
        string providerKey,
        IEnumerable<string> shown,
        IEnumerable<string> granted)
    {
        var permissions = tree.Groups.SelectMany(g => g.Permissions).ToDictionary(p => p.Name, StringComparer.Ordinal);
        bool IsOwn(string name) => permissions[name].GrantedProviders.Any(p => p.ProviderName == providerName && p.ProviderKey == providerKey);
        bool IsInherited(string name) => permissions[name].GrantedProviders.Any(p => p.ProviderName != providerName || p.ProviderKey != providerKey);

        var checkedNames = granted.ToHashSet(StringComparer.Ordinal);
        var wanted = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var name in shown.Where(permissions.ContainsKey).Distinct(StringComparer.Ordinal))
        {
            wanted[name] = checkedNames.Contains(name);
        }

        // A revoked parent takes its children with it, as the service would revoke them anyway.
        foreach (var (name, isWanted) in wanted.ToList())
        {
            if (!isWanted && IsOwn(name) && !IsInherited(name))
            {
                foreach (var descendant in permissions.Values.Where(p => IsDescendant(p, name, permissions)))
                {
                    wanted[descendant.Name] = false;
                }
            }
        }

        // A granted child needs every ancestor held, so the ancestors the provider lacks are granted with it.
        foreach (var name in wanted.Where(w => w.Value).Select(w => w.Key).ToList())
        {
            for (var parent = permissions[name].ParentName; parent is not null; parent = permissions[parent].ParentName)
            {
                if (!IsInherited(parent))
                {
                    wanted[parent] = true;
                }
            }
        }

        return new UpdatePermissionsDto
        {
            Permissions = wanted
                .Where(w => w.Value != IsOwn(w.Key))
                .Select(w => new UpdatePermissionDto { Name = w.Key, IsGranted = w.Value })
                .ToList(),
        };
    }

    /// <summary>Returns how many ancestors a permission has, for indenting it below its parent.</summary>
    public static int Depth(PermissionGrantInfoDto permission, IReadOnlyDictionary<string, PermissionGrantInfoDto> permissions)
    {
        var depth = 0;
        for (var parent = permission.ParentName; parent is not null && permissions.TryGetValue(parent, out var next); parent = next.ParentName)
        {
            depth++;
        }

        return depth;
    }

    private static bool IsDescendant(PermissionGrantInfoDto permission, string ancestorName, Dictionary<string, PermissionGrantInfoDto> permissions)
    {
        for (var parent = permission.ParentName; parent is not null; parent = permissions[parent].ParentName)
        {
            if (parent == ancestorName)
            {
                return true;
            }
        }

        return false;
    }
}
