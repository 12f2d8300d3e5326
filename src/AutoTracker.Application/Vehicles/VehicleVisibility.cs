using AutoTracker.Authorization;
using AutoTracker.Domain;
using AutoTracker.Identity;
using AutoTracker.Permissions;

namespace AutoTracker.Vehicles;

/// <summary>
/// Limits vehicles, and through them every record keyed by a vehicle, to the ones the current user may see.
/// Holders of <see cref="AutoTrackerPermissions.Vehicles.ViewAllUnits"/> see every vehicle of the tenant. Other
/// users see the vehicles of their organization units and of every unit below them. A user who belongs to no unit
/// sees only the unassigned vehicles, so a tenant without units works as before units existed. A vehicle outside
/// this set is reported as not found, exactly like a random id.
/// </summary>
public sealed class VehicleVisibility(
    IPermissionChecker permissions,
    ICurrentUser currentUser,
    IRepository<Vehicle> vehicles,
    IRepository<OrganizationUnit> units,
    IRepository<UserOrganizationUnit> memberships,
    IQueryExecutor executor)
{
    /// <summary>Tells whether the current user sees every vehicle of the tenant.</summary>
    public Task<bool> SeesAllUnitsAsync(CancellationToken cancellationToken) =>
        permissions.IsGrantedAsync(AutoTrackerPermissions.Vehicles.ViewAllUnits, cancellationToken);

    /// <summary>
    /// Returns the vehicles the current user may see, as one query: the membership and unit lookups are
    /// subqueries on TenantId-led indexes, so a list stays a single SQL command.
    /// </summary>
    public async Task<IQueryable<Vehicle>> QueryAsync(CancellationToken cancellationToken)
    {
        if (await SeesAllUnitsAsync(cancellationToken))
        {
            return vehicles.Query();
        }

        if (currentUser.Id is not { } userId)
        {
            return vehicles.Query().Where(v => false);
        }

        var ownMemberships = memberships.Query().Where(m => m.UserId == userId);

        // The visible unit ids form an uncorrelated subquery, so the database evaluates it once per query. A correlated
        // one ran for every vehicle row read, and a deep page of a sorted list reads many rows.
        var visibleUnitIds = VisibleUnits(userId).Select(u => (Guid?)u.Id);
        return vehicles.Query().Where(v =>
            (v.OrganizationUnitId == null && !ownMemberships.Any())
            || visibleUnitIds.Contains(v.OrganizationUnitId));
    }

    /// <summary>Returns the units of the user and every unit below them.</summary>
    private IQueryable<OrganizationUnit> VisibleUnits(Guid userId)
    {
        var ownMemberships = memberships.Query().Where(m => m.UserId == userId);
        var unitQuery = units.Query();

        // Codes are fixed-width numbers per level, so a plain prefix match selects a unit and its subtree.
        return unitQuery.Where(u => ownMemberships.Any(m => unitQuery.Any(memberUnit => memberUnit.Id == m.OrganizationUnitId && u.Code.StartsWith(memberUnit.Code))));
    }

    /// <summary>Loads a vehicle the current user may see, or throws <see cref="EntityNotFoundException"/> as for a random id.</summary>
    public async Task<Vehicle> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var query = await QueryAsync(cancellationToken);
        var vehicle = await executor.FirstOrDefaultAsync(query.Where(v => v.Id == id), cancellationToken);
        return vehicle ?? throw new EntityNotFoundException(typeof(Vehicle), id);
    }

    /// <summary>
    /// Returns the units the current user may assign vehicles to, as a query: every unit for holders of
    /// <see cref="AutoTrackerPermissions.Vehicles.ViewAllUnits"/>, otherwise the user's units and the units below them.
    /// </summary>
    public async Task<IQueryable<OrganizationUnit>> QueryAssignableUnitsAsync(CancellationToken cancellationToken)
    {
        if (await SeesAllUnitsAsync(cancellationToken))
        {
            return units.Query();
        }

        if (currentUser.Id is not { } userId)
        {
            return units.Query().Where(u => false);
        }

        return VisibleUnits(userId);
    }

    /// <summary>
    /// Checks the unit a vehicle is saved with: it must exist in the tenant and be visible to the user, and a user who
    /// does not see unassigned vehicles must choose a unit. Failures are field errors on <paramref name="field"/>.
    /// </summary>
    public async Task EnsureAssignableAsync(Guid? organizationUnitId, string field, CancellationToken cancellationToken)
    {
        if (organizationUnitId is { } unitId)
        {
            var assignable = await QueryAssignableUnitsAsync(cancellationToken);
            if (!await executor.AnyAsync(assignable.Where(u => u.Id == unitId), cancellationToken))
            {
                throw new InputValidationException(field, $"The organization unit {unitId} was not found among the units you can see.");
            }

            return;
        }

        if (await SeesAllUnitsAsync(cancellationToken) || currentUser.Id is not { } userId)
        {
            return;
        }

        if (await executor.AnyAsync(memberships.Query().Where(m => m.UserId == userId), cancellationToken))
        {
            throw new InputValidationException(field, "The organization unit is required, because you would not see an unassigned vehicle. Choose one of your units.");
        }
    }
}
