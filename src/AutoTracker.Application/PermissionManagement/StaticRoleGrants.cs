using AutoTracker.Identity;
using AutoTracker.Permissions;

namespace AutoTracker.PermissionManagement;

/// <summary>
/// The grants each static role starts with. The admin role holds every permission of its side and gets new ones at
/// every seed; the other roles get these defaults once, when the seed creates them, and their admins change them
/// from then on. docs/permissions.md shows the same table.
/// </summary>
public static class StaticRoleGrants
{
    /// <summary>The roles the seed creates inside every tenant; the host has only the admin role.</summary>
    public static readonly IReadOnlyList<string> TenantRoles =
        [StaticRoleNames.Admin, StaticRoleNames.Manager, StaticRoleNames.Technician, StaticRoleNames.Driver, StaticRoleNames.Viewer];

    private static readonly string[] ViewRecords =
    [
        AutoTrackerPermissions.Vehicles.Default,
        AutoTrackerPermissions.MeterReadings.Default,
        AutoTrackerPermissions.FuelEntries.Default,
        AutoTrackerPermissions.ServiceRecords.Default,
    ];

    /// <summary>Default grants of the static roles other than admin, by role name.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Defaults = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        // Runs the fleet: every vehicle and record, and reads who is who.
        [StaticRoleNames.Manager] =
        [
            .. ViewRecords,
            AutoTrackerPermissions.Vehicles.Create,
            AutoTrackerPermissions.Vehicles.Edit,
            AutoTrackerPermissions.Vehicles.Delete,
            AutoTrackerPermissions.Vehicles.Import,
            AutoTrackerPermissions.Vehicles.ViewAllUnits,
            AutoTrackerPermissions.MeterReadings.Create,
            AutoTrackerPermissions.MeterReadings.Edit,
            AutoTrackerPermissions.MeterReadings.Delete,
            AutoTrackerPermissions.FuelEntries.Create,
            AutoTrackerPermissions.FuelEntries.Edit,
            AutoTrackerPermissions.FuelEntries.Delete,
            AutoTrackerPermissions.ServiceRecords.Create,
            AutoTrackerPermissions.ServiceRecords.Edit,
            AutoTrackerPermissions.ServiceRecords.Delete,
            IdentityPermissions.Users.Default,
            IdentityPermissions.OrganizationUnits.Default,
            AuditLoggingPermissions.AuditLogs,
        ],

        // Services the vehicles of the own units: records service and meter readings.
        [StaticRoleNames.Technician] =
        [
            .. ViewRecords,
            AutoTrackerPermissions.MeterReadings.Create,
            AutoTrackerPermissions.MeterReadings.Edit,
            AutoTrackerPermissions.ServiceRecords.Create,
            AutoTrackerPermissions.ServiceRecords.Edit,
        ],

        // Drives the vehicles of the own units: logs fill-ups and meter readings.
        [StaticRoleNames.Driver] =
        [
            .. ViewRecords,
            AutoTrackerPermissions.MeterReadings.Create,
            AutoTrackerPermissions.FuelEntries.Create,
        ],

        // Reads every vehicle and record and changes nothing.
        [StaticRoleNames.Viewer] =
        [
            .. ViewRecords,
            AutoTrackerPermissions.Vehicles.ViewAllUnits,
        ],
    };
}
