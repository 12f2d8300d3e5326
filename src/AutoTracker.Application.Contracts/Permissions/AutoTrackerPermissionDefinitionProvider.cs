using AutoTracker.Authorization;
using AutoTracker.MultiTenancy;

namespace AutoTracker.Permissions;

/// <summary>
/// Defines the application's permission tree. Display names are keys of <c>AutoTrackerResource</c>: "Permission:"
/// or "PermissionGroup:" followed by the name.
/// </summary>
public sealed class AutoTrackerPermissionDefinitionProvider : IPermissionDefinitionProvider
{
    public void Define(PermissionDefinitionContext context)
    {
        DefineVehicles(context.AddGroup(AutoTrackerPermissions.GroupName, GroupKey(AutoTrackerPermissions.GroupName)));
        DefineIdentity(context.AddGroup(IdentityPermissions.GroupName, GroupKey(IdentityPermissions.GroupName)));

        var settings = context.AddGroup(SettingManagementPermissions.GroupName, GroupKey(SettingManagementPermissions.GroupName));
        settings.AddPermission(SettingManagementPermissions.TenantSettings, Key(SettingManagementPermissions.TenantSettings), MultiTenancySides.Tenant);
        settings.AddPermission(SettingManagementPermissions.HostSettings, Key(SettingManagementPermissions.HostSettings), MultiTenancySides.Host);

        context.AddGroup(AuditLoggingPermissions.GroupName, GroupKey(AuditLoggingPermissions.GroupName))
            .AddPermission(AuditLoggingPermissions.AuditLogs, Key(AuditLoggingPermissions.AuditLogs), MultiTenancySides.Both);

        var tenants = context.AddGroup(TenantManagementPermissions.GroupName, GroupKey(TenantManagementPermissions.GroupName))
            .AddPermission(TenantManagementPermissions.Tenants.Default, Key(TenantManagementPermissions.Tenants.Default), MultiTenancySides.Host);
        AddChildren(
            tenants,
            TenantManagementPermissions.Tenants.Create,
            TenantManagementPermissions.Tenants.Edit,
            TenantManagementPermissions.Tenants.Delete,
            TenantManagementPermissions.Tenants.ManageDatabase);
    }

    /// <summary>Returns the resource key of a permission's display name.</summary>
    public static string Key(string permissionName) => "Permission:" + permissionName;

    /// <summary>Returns the resource key of a group's display name.</summary>
    public static string GroupKey(string groupName) => "PermissionGroup:" + groupName;

    private static void DefineVehicles(PermissionGroupDefinition group)
    {
        var vehicles = group.AddPermission(AutoTrackerPermissions.Vehicles.Default, Key(AutoTrackerPermissions.Vehicles.Default), MultiTenancySides.Tenant);
        AddChildren(
            vehicles,
            AutoTrackerPermissions.Vehicles.Create,
            AutoTrackerPermissions.Vehicles.Edit,
            AutoTrackerPermissions.Vehicles.Delete,
            AutoTrackerPermissions.Vehicles.Import,
            AutoTrackerPermissions.Vehicles.ViewAllUnits);

        // Every record belongs to a vehicle, so its permissions hang below the vehicles' one.
        var readings = vehicles.AddChild(AutoTrackerPermissions.MeterReadings.Default, Key(AutoTrackerPermissions.MeterReadings.Default));
        AddChildren(readings, AutoTrackerPermissions.MeterReadings.Create, AutoTrackerPermissions.MeterReadings.Edit, AutoTrackerPermissions.MeterReadings.Delete);

        var fuel = vehicles.AddChild(AutoTrackerPermissions.FuelEntries.Default, Key(AutoTrackerPermissions.FuelEntries.Default));
        AddChildren(fuel, AutoTrackerPermissions.FuelEntries.Create, AutoTrackerPermissions.FuelEntries.Edit, AutoTrackerPermissions.FuelEntries.Delete);

        var service = vehicles.AddChild(AutoTrackerPermissions.ServiceRecords.Default, Key(AutoTrackerPermissions.ServiceRecords.Default));
        AddChildren(service, AutoTrackerPermissions.ServiceRecords.Create, AutoTrackerPermissions.ServiceRecords.Edit, AutoTrackerPermissions.ServiceRecords.Delete);
    }

    private static void DefineIdentity(PermissionGroupDefinition group)
    {
        var users = group.AddPermission(IdentityPermissions.Users.Default, Key(IdentityPermissions.Users.Default), MultiTenancySides.Both);
        AddChildren(users, IdentityPermissions.Users.Create, IdentityPermissions.Users.Edit, IdentityPermissions.Users.Delete, IdentityPermissions.Users.ManagePermissions);

        var roles = group.AddPermission(IdentityPermissions.Roles.Default, Key(IdentityPermissions.Roles.Default), MultiTenancySides.Both);
        AddChildren(roles, IdentityPermissions.Roles.Create, IdentityPermissions.Roles.Edit, IdentityPermissions.Roles.Delete, IdentityPermissions.Roles.ManagePermissions);

        var units = group.AddPermission(IdentityPermissions.OrganizationUnits.Default, Key(IdentityPermissions.OrganizationUnits.Default), MultiTenancySides.Tenant);
        AddChildren(
            units,
            IdentityPermissions.OrganizationUnits.Create,
            IdentityPermissions.OrganizationUnits.Edit,
            IdentityPermissions.OrganizationUnits.Delete,
            IdentityPermissions.OrganizationUnits.ManageMembers);
    }

    private static void AddChildren(PermissionDefinition parent, params string[] names)
    {
        foreach (var name in names)
        {
            parent.AddChild(name, Key(name));
        }
    }
}
