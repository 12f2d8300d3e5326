namespace AutoTracker.Identity;

/// <summary>Reads role memberships, which Identity's managers expose only one role or user at a time.</summary>
public interface IRoleMembershipQuery
{
    /// <summary>Returns the number of users in each of the given roles. A role without users is missing from the result.</summary>
    Task<IReadOnlyDictionary<Guid, int>> CountMembersAsync(IReadOnlyCollection<Guid> roleIds, CancellationToken cancellationToken);
}
