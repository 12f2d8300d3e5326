using AutoTracker.Authorization;
using AutoTracker.Permissions;
using AutoTracker.Vehicles;

namespace AutoTracker.Pages.Vehicles;

/// <summary>What the current user may do with one kind of a vehicle's records, for showing only the usable buttons.</summary>
public sealed record RecordAccess(bool View, bool Create, bool Edit, bool Delete, bool Import)
{
    public static readonly RecordAccess None = new(false, false, false, false, false);

    /// <summary>
    /// Reads the permissions of the record kind whose view permission is <paramref name="viewPermission"/>; its
    /// children are named by appending .Create, .Edit and .Delete.
    /// </summary>
    /// <param name="importKind">The import of these records, or null when they cannot be imported.</param>
    public static async Task<RecordAccess> ReadAsync(IPermissionChecker permissions, string viewPermission, ImportRecordKind? importKind, CancellationToken cancellationToken)
    {
        if (!await permissions.IsGrantedAsync(viewPermission, cancellationToken))
        {
            return None;
        }

        var import = importKind is { } kind
            && await permissions.IsGrantedAsync(AutoTrackerPermissions.Vehicles.Import, cancellationToken)
            && await permissions.IsGrantedAsync(AutoTrackerPermissions.CreatePermissionFor(kind), cancellationToken);
        return new RecordAccess(
            View: true,
            Create: await permissions.IsGrantedAsync(viewPermission + ".Create", cancellationToken),
            Edit: await permissions.IsGrantedAsync(viewPermission + ".Edit", cancellationToken),
            Delete: await permissions.IsGrantedAsync(viewPermission + ".Delete", cancellationToken),
            Import: import);
    }
}
