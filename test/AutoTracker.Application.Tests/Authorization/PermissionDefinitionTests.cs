using AutoTracker.Identity;
using AutoTracker.MultiTenancy;
using AutoTracker.PermissionManagement;
using AutoTracker.Permissions;

namespace AutoTracker.Authorization;

public sealed class PermissionDefinitionTests
{
    private static readonly PermissionDefinitionManager Definitions = new([new AutoTrackerPermissionDefinitionProvider()]);

    [Fact]
    public void Get_UndefinedName_Throws()
    {
        var exception = Should.Throw<UndefinedPermissionException>(() => Definitions.Get("AutoTracker.Vehicles.Crate"));

        exception.PermissionName.ShouldBe("AutoTracker.Vehicles.Crate");
    }

    [Fact]
    public void Children_ExtendTheirParentsName()
    {
        foreach (var permission in Definitions.All.Where(p => p.Parent is not null))
        {
            permission.Name.ShouldStartWith(permission.Parent!.Name + ".", Case.Sensitive);
            permission.GroupName.ShouldBe(permission.Parent.GroupName);
        }
    }

    [Fact]
    public void Names_StartWithTheirGroup()
    {
        foreach (var permission in Definitions.All)
        {
            permission.Name.ShouldStartWith(permission.GroupName + ".", Case.Sensitive);
        }
    }

    [Theory]
    [InlineData(AutoTrackerPermissions.Vehicles.Default, MultiTenancySides.Tenant)]
    [InlineData(AutoTrackerPermissions.Vehicles.Create, MultiTenancySides.Tenant)]
    [InlineData(AutoTrackerPermissions.Vehicles.Edit, MultiTenancySides.Tenant)]
    [InlineData(AutoTrackerPermissions.Vehicles.Delete, MultiTenancySides.Tenant)]
    [InlineData(AutoTrackerPermissions.Vehicles.Import, MultiTenancySides.Tenant)]
    [InlineData(AutoTrackerPermissions.Vehicles.ViewAllUnits, MultiTenancySides.Tenant)]
    [InlineData(AutoTrackerPermissions.ServiceRecords.Create, MultiTenancySides.Tenant)]
    [InlineData(AutoTrackerPermissions.FuelEntries.Delete, MultiTenancySides.Tenant)]
    [InlineData(AutoTrackerPermissions.MeterReadings.Edit, MultiTenancySides.Tenant)]
    [InlineData(IdentityPermissions.Users.ManagePermissions, MultiTenancySides.Both)]
    [InlineData(IdentityPermissions.Roles.ManagePermissions, MultiTenancySides.Both)]
    [InlineData(IdentityPermissions.OrganizationUnits.Default, MultiTenancySides.Tenant)]
    [InlineData(SettingManagementPermissions.TenantSettings, MultiTenancySides.Tenant)]
    [InlineData(AuditLoggingPermissions.AuditLogs, MultiTenancySides.Both)]
    [InlineData(TenantManagementPermissions.Tenants.Default, MultiTenancySides.Host)]
    [InlineData(TenantManagementPermissions.Tenants.Delete, MultiTenancySides.Host)]
    public void Permission_ExistsOnItsSides(string name, MultiTenancySides sides) =>
        Definitions.Get(name).MultiTenancySides.ShouldBe(sides);

    [Fact]
    public void RecordPermissions_HangBelowVehicles()
    {
        Definitions.Get(AutoTrackerPermissions.FuelEntries.Default).Parent!.Name.ShouldBe(AutoTrackerPermissions.Vehicles.Default);
        Definitions.Get(AutoTrackerPermissions.ServiceRecords.Create).Parent!.Name.ShouldBe(AutoTrackerPermissions.ServiceRecords.Default);
        Definitions.Get(AutoTrackerPermissions.MeterReadings.Default).Parent!.Name.ShouldBe(AutoTrackerPermissions.Vehicles.Default);
    }

    [Fact]
    public void All_ListsParentsBeforeChildren()
    {
        var seen = new HashSet<string>();
        foreach (var permission in Definitions.All)
        {
            if (permission.Parent is { } parent)
            {
                seen.ShouldContain(parent.Name, permission.Name);
            }

            seen.Add(permission.Name);
        }
    }

    [Fact]
    public void AddChild_WiderSidesThanParent_Throws()
    {
        var context = new PermissionDefinitionContext();
        var parent = context.AddGroup("Test", "PermissionGroup:Test").AddPermission("Test.Parent", "Permission:Test.Parent", MultiTenancySides.Tenant);

        Should.Throw<ArgumentException>(() => parent.AddChild("Test.Parent.Child", "Permission:Test.Parent.Child", MultiTenancySides.Both));
        parent.AddChild("Test.Parent.Inherited", "Permission:Test.Parent.Inherited").MultiTenancySides.ShouldBe(MultiTenancySides.Tenant);
    }

    [Fact]
    public void Manager_NameDefinedTwice_Throws()
    {
        var exception = Should.Throw<InvalidOperationException>(() => new PermissionDefinitionManager([new TwiceDefined()]));

        exception.Message.ShouldContain("Test.Twice");
    }

    [Fact]
    public void StaticRoleDefaults_AreTenantPermissionsWithTheirParents()
    {
        foreach (var (role, names) in StaticRoleGrants.Defaults)
        {
            foreach (var name in names)
            {
                var permission = Definitions.Get(name);
                permission.ExistsOn(MultiTenancySides.Tenant).ShouldBeTrue($"{role}: {name}");
                if (permission.Parent is { } parent)
                {
                    names.ShouldContain(parent.Name, $"{role} is granted {name} but not its parent");
                }
            }
        }

        StaticRoleGrants.Defaults.Keys.ShouldBe([StaticRoleNames.Manager, StaticRoleNames.Technician, StaticRoleNames.Driver, StaticRoleNames.Viewer], ignoreOrder: true);
    }

    private sealed class TwiceDefined : IPermissionDefinitionProvider
    {
        public void Define(PermissionDefinitionContext context)
        {
            var group = context.AddGroup("Test", "PermissionGroup:Test");
            group.AddPermission("Test.Twice", "Permission:Test.Twice", MultiTenancySides.Both);
            group.AddPermission("Test.Twice", "Permission:Test.Twice", MultiTenancySides.Both);
        }
    }
}
