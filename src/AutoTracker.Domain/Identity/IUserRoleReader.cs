namespace AutoTracker.Identity;

/// <summary>Reads role memberships of the current tenant's users in one query each, for lists and permission checks.</summary>
public interface IUserRoleReader
{
    /// <summary>Returns the role names of each of <paramref name="userIds"/>, sorted; users without roles are missing from the result.</summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<string>>> GetRoleNamesAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken);

    /// <summary>Returns every membership of the named roles as pairs of user id and role name.</summary>
    Task<IReadOnlyList<(Guid UserId, string RoleName)>> GetMembersAsync(IReadOnlyCollection<string> roleNames, CancellationToken cancellationToken);

    /// <summary>Returns the number of users in each of the given roles; a role without users is missing from the result.</summary>
    Task<IReadOnlyDictionary<Guid, int>> CountMembersAsync(IReadOnlyCollection<Guid> roleIds, CancellationToken cancellationToken);
}
