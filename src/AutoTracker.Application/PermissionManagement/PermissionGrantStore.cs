using AutoTracker.Domain;

namespace AutoTracker.PermissionManagement;

/// <summary>Reads and changes the permission grants of the current tenant.</summary>
public sealed class PermissionGrantStore(IRepository<PermissionGrant> grants, IQueryExecutor executor)
{
    /// <summary>Returns the names granted to one role or user; the permission checker caches the result.</summary>
    public async Task<IReadOnlyList<string>> LoadGrantedAsync(string providerName, string providerKey, CancellationToken cancellationToken) =>
        await executor.ToListAsync(
            grants.Query().Where(g => g.ProviderName == providerName && g.ProviderKey == providerKey).Select(g => g.Name),
            cancellationToken);

    /// <summary>Returns the grants of several roles and users, for showing where each grant comes from.</summary>
    public async Task<IReadOnlyList<(string Name, string ProviderName, string ProviderKey)>> LoadGrantsAsync(
        string providerName,
        IReadOnlyCollection<string> providerKeys,
        CancellationToken cancellationToken)
    {
        var rows = await executor.ToListAsync(
            grants.Query()
                .Where(g => g.ProviderName == providerName && providerKeys.Contains(g.ProviderKey))
                .Select(g => new { g.Name, g.ProviderName, g.ProviderKey }),
            cancellationToken);
        return rows.Select(r => (r.Name, r.ProviderName, r.ProviderKey)).ToList();
    }

    /// <summary>Returns every grant of the named permissions, to find out who holds them.</summary>
    public async Task<IReadOnlyList<(string Name, string ProviderName, string ProviderKey)>> LoadHoldersAsync(
        IReadOnlyCollection<string> names,
        CancellationToken cancellationToken)
    {
        var rows = await executor.ToListAsync(
            grants.Query().Where(g => names.Contains(g.Name)).Select(g => new { g.Name, g.ProviderName, g.ProviderKey }),
            cancellationToken);
        return rows.Select(r => (r.Name, r.ProviderName, r.ProviderKey)).ToList();
    }

    /// <summary>
    /// Makes the grants of one role or user equal <paramref name="granted"/>: inserts the missing rows and deletes the
    /// others. The caller saves. Returns the names that were granted and revoked.
    /// </summary>
    public async Task<GrantChanges> ReplaceAsync(string providerName, string providerKey, IReadOnlySet<string> granted, CancellationToken cancellationToken)
    {
        var existing = await LoadTrackedAsync(providerName, providerKey, cancellationToken);
        var revoked = existing.Where(g => !granted.Contains(g.Name)).ToList();
        foreach (var grant in revoked)
        {
            grants.Delete(grant);
        }

        var added = granted.Except(existing.Select(g => g.Name), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var name in added)
        {
            grants.Insert(new PermissionGrant(Guid.NewGuid(), name, providerName, providerKey));
        }

        return new GrantChanges(added, revoked.Select(g => g.Name).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>Grants the names that one role or user does not have yet, and revokes nothing. The caller saves.</summary>
    public async Task<IReadOnlyList<string>> AddMissingAsync(string providerName, string providerKey, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var existing = (await LoadTrackedAsync(providerName, providerKey, cancellationToken)).Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        var added = names.Where(n => !existing.Contains(n)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in added)
        {
            grants.Insert(new PermissionGrant(Guid.NewGuid(), name, providerName, providerKey));
        }

        return added;
    }

    /// <summary>Moves every grant of a role to its new name. The caller saves, in the transaction that renames the role.</summary>
    public async Task<int> RenameRoleAsync(string oldName, string newName, CancellationToken cancellationToken)
    {
        var rows = await LoadTrackedAsync(PermissionProviderNames.Role, oldName, cancellationToken);
        foreach (var grant in rows)
        {
            grant.RenameRole(newName);
        }

        return rows.Count;
    }

    /// <summary>Deletes every grant of one role or user and returns the names it held. The caller saves.</summary>
    public async Task<IReadOnlyList<string>> DeleteAllAsync(string providerName, string providerKey, CancellationToken cancellationToken)
    {
        var rows = await LoadTrackedAsync(providerName, providerKey, cancellationToken);
        foreach (var grant in rows)
        {
            grants.Delete(grant);
        }

        return rows.Select(g => g.Name).Order(StringComparer.Ordinal).ToList();
    }

    private Task<List<PermissionGrant>> LoadTrackedAsync(string providerName, string providerKey, CancellationToken cancellationToken) =>
        executor.ToListAsync(grants.Query().Where(g => g.ProviderName == providerName && g.ProviderKey == providerKey), cancellationToken);
}

/// <summary>The permission names a change granted and revoked.</summary>
public sealed record GrantChanges(IReadOnlyList<string> Granted, IReadOnlyList<string> Revoked)
{
    public bool IsEmpty => Granted.Count == 0 && Revoked.Count == 0;
}
