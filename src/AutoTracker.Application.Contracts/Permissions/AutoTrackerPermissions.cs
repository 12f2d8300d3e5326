using AutoTracker.Vehicles;

namespace AutoTracker.Permissions;

// Permission names follow one scheme: the module, then the resource, then the action, each child extending its
// parent's name. Grants store these names, so renaming one orphans its grants.

/// <summary>Vehicles and their records, which exist inside tenants only.</summary>
public static class AutoTrackerPermissions
{
    public const string GroupName = "AutoTracker";

    public static class Vehicles
    {
        public const string Default = GroupName + ".Vehicles";
        public const string Create = Default + ".Create";
        public const string Edit = Default + ".Edit";
        public const string Delete = Default + ".Delete";
        public const string Import = Default + ".Import";

        /// <summary>Sees the vehicles of every organization unit and the unassigned ones, not only those of the user's own units.</summary>
        public const string ViewAllUnits = Default + ".ViewAllUnits";
    }

    /// <summary>Returns the permission to create the records that an import of <paramref name="kind"/> creates; importing also requires <see cref="Vehicles.Import"/>.</summary>
    public static string CreatePermissionFor(ImportRecordKind kind) => kind switch
    {
        ImportRecordKind.Vehicles => Vehicles.Create,
        ImportRecordKind.FuelEntries => FuelEntries.Create,
        ImportRecordKind.ServiceRecords => ServiceRecords.Create,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "The import record kind is not known."),
    };

    public static class MeterReadings
    {
        public const string Default = Vehicles.Default + ".MeterReadings";
        public const string Create = Default + ".Create";
        public const string Edit = Default + ".Edit";
        public const string Delete = Default + ".Delete";
    }

    public static class FuelEntries
    {
        public const string Default = Vehicles.Default + ".FuelEntries";
        public const string Create = Default + ".Create";
        public const string Edit = Default + ".Edit";
        public const string Delete = Default + ".Delete";
    }

    public static class ServiceRecords
    {
        public const string Default = Vehicles.Default + ".ServiceRecords";
        public const string Create = Default + ".Create";
        public const string Edit = Default + ".Edit";
        public const string Delete = Default + ".Delete";

        /// <summary>See, test and change the database of each tenant (its connection string).</summary>
        public const string ManageDatabase = Default + ".ManageDatabase";
    }
}

/// <summary>Users, roles and organization units, and the grants of users and roles.</summary>
public static class IdentityPermissions
{
    public const string GroupName = "Identity";

    public static class Users
    {
        public const string Default = GroupName + ".Users";
        public const string Create = Default + ".Create";
        public const string Edit = Default + ".Edit";
        public const string Delete = Default + ".Delete";
        public const string ManagePermissions = Default + ".ManagePermissions";
    }

    public static class Roles
    {
        public const string Default = GroupName + ".Roles";
        public const string Create = Default + ".Create";
        public const string Edit = Default + ".Edit";
        public const string Delete = Default + ".Delete";
        public const string ManagePermissions = Default + ".ManagePermissions";
    }

    public static class OrganizationUnits
    {
        public const string Default = GroupName + ".OrganizationUnits";
        public const string Create = Default + ".Create";
        public const string Edit = Default + ".Edit";
        public const string Delete = Default + ".Delete";
        public const string ManageMembers = Default + ".ManageMembers";
    }
}

public static class SettingManagementPermissions
{
    public const string GroupName = "SettingManagement";

    public const string TenantSettings = GroupName + ".TenantSettings";

    /// <summary>The host's defaults of every tenant setting.</summary>
    public const string HostSettings = GroupName + ".HostSettings";
}

public static class AuditLoggingPermissions
{
    public const string GroupName = "AuditLogging";

    public const string AuditLogs = GroupName + ".AuditLogs";
}

/// <summary>Tenant administration, which exists on the host side only.</summary>
public static class TenantManagementPermissions
{
    public const string GroupName = "TenantManagement";

    public static class Tenants
    {
        public const string Default = GroupName + ".Tenants";
        public const string Create = Default + ".Create";
        public const string Edit = Default + ".Edit";
        public const string Delete = Default + ".Delete";

        /// <summary>See, test and change the database of each tenant (its connection string).</summary>
        public const string ManageDatabase = Default + ".ManageDatabase";
    }
}
