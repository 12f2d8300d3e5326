using AutoTracker.Identity;
using Microsoft.EntityFrameworkCore;

namespace AutoTracker.EntityFrameworkCore;

/// <summary>
/// Counts memberships on the scope's DbContext. The membership table has no tenant column, so callers pass ids
/// of roles that they read through the tenant-filtered role set.
/// </summary>
internal sealed class EfRoleMembershipQuery(AutoTrackerDbContext context) : IRoleMembershipQuery
{
    public async Task<IReadOnlyDictionary<Guid, int>> CountMembersAsync(IReadOnlyCollection<Guid> roleIds, CancellationToken cancellationToken)
    {
        if (roleIds.Count == 0)
        {
            return new Dictionary<Guid, int>();
        }

        var counts = await context.UserRoles
            .Where(m => roleIds.Contains(m.RoleId))
            .GroupBy(m => m.RoleId)
            .Select(g => new { RoleId = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return counts.ToDictionary(c => c.RoleId, c => c.Count);
    }
}
