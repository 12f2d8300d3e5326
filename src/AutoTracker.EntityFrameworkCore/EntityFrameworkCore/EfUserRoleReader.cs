using AutoTracker.Identity;
using Microsoft.EntityFrameworkCore;

namespace AutoTracker.EntityFrameworkCore;

/// <summary>
/// Joins Identity's user-role rows with the roles. The role set carries the tenant filter, so only the current
/// tenant's memberships are returned.
/// </summary>
public sealed class EfUserRoleReader(AutoTrackerDbContext dbContext) : IUserRoleReader
{
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<string>>> GetRoleNamesAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
        {
            return new Dictionary<Guid, IReadOnlyList<string>>();
        }

        var rows = await (
                from userRole in dbContext.UserRoles
                join role in dbContext.Roles on userRole.RoleId equals role.Id
                where userIds.Contains(userRole.UserId)
                select new { userRole.UserId, role.Name })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return rows
            .GroupBy(r => r.UserId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(r => r.Name!).Order(StringComparer.Ordinal).ToList());
    }

    public async Task<IReadOnlyList<(Guid UserId, string RoleName)>> GetMembersAsync(IReadOnlyCollection<string> roleNames, CancellationToken cancellationToken)
    {
        if (roleNames.Count == 0)
        {
            return [];
        }

        var rows = await (
                from userRole in dbContext.UserRoles
                join role in dbContext.Roles on userRole.RoleId equals role.Id
                where roleNames.Contains(role.Name!)
                select new { userRole.UserId, role.Name })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.UserId, r.Name!)).ToList();
    }

    /// <remarks>The membership table has no tenant column, so callers pass ids of roles read through the tenant-filtered role set.</remarks>
    public async Task<IReadOnlyDictionary<Guid, int>> CountMembersAsync(IReadOnlyCollection<Guid> roleIds, CancellationToken cancellationToken)
    {
        if (roleIds.Count == 0)
        {
            return new Dictionary<Guid, int>();
        }

        var counts = await dbContext.UserRoles
            .Where(m => roleIds.Contains(m.RoleId))
            .GroupBy(m => m.RoleId)
            .Select(g => new { RoleId = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return counts.ToDictionary(c => c.RoleId, c => c.Count);
    }
}
