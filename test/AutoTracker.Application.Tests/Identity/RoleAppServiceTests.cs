using AutoTracker.Domain;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.PermissionManagement;
using AutoTracker.Permissions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Identity;

/// <summary>Role management on a real database: names, static roles, the default flag, grants on rename and delete.</summary>
public sealed class RoleAppServiceTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>
{
    /// <summary>Both management permissions with their parents, and the right to delete roles.</summary>
    private static readonly string[] ManagementGrants =
    [
        IdentityPermissions.Roles.Default,
        IdentityPermissions.Roles.Delete,
        IdentityPermissions.Roles.ManagePermissions,
        IdentityPermissions.Users.Default,
        IdentityPermissions.Users.ManagePermissions,
    ];

    [Fact]
    public async Task Create_ValidName_StoresRoleInTenant()
    {
        var tenantId = await host.CreateTenantAsync();

        var created = await host.AsAdminAsync(tenantId, sp => Service(sp).CreateAsync(new CreateRoleDto { Name = "Fleet auditors", IsDefault = true }, CancellationToken.None));

        created.Name.ShouldBe("Fleet auditors");
        created.IsDefault.ShouldBeTrue();
        created.IsStatic.ShouldBeFalse();
        var stored = (await RolesAsync(tenantId)).Single(r => r.Id == created.Id);
        stored.TenantId.ShouldBe(tenantId);
        stored.NormalizedName.ShouldBe("FLEET AUDITORS");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" auditors")]
    [InlineData("auditors ")]
    [InlineData("audit/ors")]
    [InlineData("audit<b>")]
    [InlineData("a12345678901234567890123456789012345678901234567890123456789012345")]
    [InlineData("\u0430dmin")]
    [InlineData("\uFF41\uFF44\uFF4D\uFF49\uFF4E")]
    [InlineData("Fleet \u041Canagers")]
    public async Task Create_InvalidName_FieldErrorAndNothingSaved(string name)
    {
        var tenantId = await host.CreateTenantAsync();
        var before = await RoleNamesAsync(tenantId);

        var exception = await Should.ThrowAsync<InputValidationException>(() =>
            host.AsAdminAsync(tenantId, sp => Service(sp).CreateAsync(new CreateRoleDto { Name = name }, CancellationToken.None)));

        exception.Errors.Keys.ShouldBe([nameof(CreateRoleDto.Name)]);
        (await RoleNamesAsync(tenantId)).ShouldBe(before);
    }

    [Theory]
    [InlineData("Fahrzeugprüfer")]
    [InlineData("Водители")]
    [InlineData("Οδηγοί 2")]
    public async Task Create_NameInOneAlphabet_Stored(string name)
    {
        var tenantId = await host.CreateTenantAsync();

        var created = await host.AsAdminAsync(tenantId, sp => Service(sp).CreateAsync(new CreateRoleDto { Name = name }, CancellationToken.None));

        created.Name.ShouldBe(name);
    }

    [Fact]
    public async Task Update_RenameToLookAlike_FieldError()
    {
        var tenantId = await host.CreateTenantAsync();
        var created = await host.AsAdminAsync(tenantId, sp => Service(sp).CreateAsync(new CreateRoleDto { Name = "auditors" }, CancellationToken.None));

        var exception = await Should.ThrowAsync<InputValidationException>(() => UpdateAsync(tenantId, created.Id, "\u0430dmin", isDefault: false, created.ConcurrencyStamp));

        exception.Errors.Keys.ShouldBe([nameof(UpdateRoleDto.Name)]);
        (await RoleNamesAsync(tenantId)).ShouldContain("auditors");
    }

    [Theory]
    [InlineData("Viewer")]
    [InlineData("VIEWER")]
    [InlineData("viewer")]
    public async Task Create_DuplicateName_FieldErrorAndNothingSaved(string name)
    {
        var tenantId = await host.CreateTenantAsync();
        var before = await RoleNamesAsync(tenantId);

        var exception = await Should.ThrowAsync<BusinessException>(() =>
            host.AsAdminAsync(tenantId, sp => Service(sp).CreateAsync(new CreateRoleDto { Name = name }, CancellationToken.None)));

        exception.Code.ShouldBe(ErrorCodes.RoleNameDuplicate);
        exception.Field.ShouldBe(nameof(CreateRoleDto.Name));
        exception.Message.ShouldContain("viewer");
        (await RoleNamesAsync(tenantId)).ShouldBe(before);
    }

    [Fact]
    public async Task Create_NameOfOtherTenantsRole_IsAllowed()
    {
        var other = await host.CreateTenantAsync();
        await host.CreateRoleAsync(other, "auditors");
        var tenantId = await host.CreateTenantAsync();

        var created = await host.AsAdminAsync(tenantId, sp => Service(sp).CreateAsync(new CreateRoleDto { Name = "auditors" }, CancellationToken.None));

        created.Name.ShouldBe("auditors");
    }

    [Fact]
    public async Task Create_OrphanGrantsUnderName_AreNotInherited()
    {
        var tenantId = await host.CreateTenantAsync();
        await host.GrantRawAsync(tenantId, PermissionProviderNames.Role, "auditors", AutoTrackerPermissions.Vehicles.Default);

        await host.AsAdminAsync(tenantId, sp => Service(sp).CreateAsync(new CreateRoleDto { Name = "auditors" }, CancellationToken.None));

        (await GrantsAsync(tenantId, "auditors")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Update_StaticRoleRename_FieldErrorAndUnchanged()
    {
        var tenantId = await host.CreateTenantAsync();
        var viewer = await RoleAsync(tenantId, StaticRoleNames.Viewer);

        var exception = await Should.ThrowAsync<BusinessException>(() => UpdateAsync(tenantId, viewer.Id, "watchers", isDefault: true, viewer.ConcurrencyStamp!));

        exception.Code.ShouldBe(ErrorCodes.StaticRoleChange);
        exception.Field.ShouldBe(nameof(UpdateRoleDto.Name));
        var after = await RoleAsync(tenantId, StaticRoleNames.Viewer);
        after.IsDefault.ShouldBeFalse();
        after.ConcurrencyStamp.ShouldBe(viewer.ConcurrencyStamp);
        (await GrantsAsync(tenantId, StaticRoleNames.Viewer)).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Update_StaticRoleDefaultFlag_Changes()
    {
        var tenantId = await host.CreateTenantAsync();
        var viewer = await RoleAsync(tenantId, StaticRoleNames.Viewer);

        var updated = await UpdateAsync(tenantId, viewer.Id, StaticRoleNames.Viewer, isDefault: true, viewer.ConcurrencyStamp!);

        updated.IsDefault.ShouldBeTrue();
        updated.ConcurrencyStamp.ShouldNotBe(viewer.ConcurrencyStamp);
        (await RoleAsync(tenantId, StaticRoleNames.Viewer)).IsDefault.ShouldBeTrue();
        (await host.InTenantAsync(tenantId, sp => sp.GetRequiredService<DefaultRoles>().GetDefaultRoleNamesAsync(CancellationToken.None)))
            .ShouldBe([StaticRoleNames.Viewer]);
    }

    [Fact]
    public async Task Update_AdminRoleAsDefault_Rejected()
    {
        var tenantId = await host.CreateTenantAsync();
        var admin = await RoleAsync(tenantId, StaticRoleNames.Admin);

        var exception = await Should.ThrowAsync<BusinessException>(() => UpdateAsync(tenantId, admin.Id, StaticRoleNames.Admin, isDefault: true, admin.ConcurrencyStamp!));

        exception.Code.ShouldBe(ErrorCodes.StaticRoleChange);
        exception.Field.ShouldBe(nameof(UpdateRoleDto.IsDefault));
        var after = await RoleAsync(tenantId, StaticRoleNames.Admin);
        after.IsDefault.ShouldBeFalse();
        after.ConcurrencyStamp.ShouldBe(admin.ConcurrencyStamp);
    }

    [Fact]
    public async Task Update_DefaultBeyondOwnPermissions_Rejected()
    {
        var tenantId = await host.CreateTenantAsync();
        await host.CreateRoleAsync(tenantId, "role-editors");
        await host.GrantRawAsync(
            tenantId,
            PermissionProviderNames.Role,
            "role-editors",
            IdentityPermissions.Roles.Default,
            IdentityPermissions.Roles.Edit,
            IdentityPermissions.Users.Default,
            IdentityPermissions.Users.Create);
        var editor = await host.CreateUserAsync(tenantId, "role-editors");
        var manager = await RoleAsync(tenantId, StaticRoleNames.Manager);

        // As a default role, the manager role would reach every user that an admin creates without naming roles.
        var exception = await Should.ThrowAsync<BusinessException>(() => host.AsUserAsync(tenantId, editor, ["role-editors"], sp => Service(sp).UpdateAsync(
            manager.Id,
            new UpdateRoleDto { Name = StaticRoleNames.Manager, IsDefault = true, ConcurrencyStamp = manager.ConcurrencyStamp! },
            CancellationToken.None)));

        exception.Code.ShouldBe(ErrorCodes.RoleHasMorePermissions);
        exception.Field.ShouldBe(nameof(UpdateRoleDto.IsDefault));
        (await RoleAsync(tenantId, StaticRoleNames.Manager)).IsDefault.ShouldBeFalse();

        // A role whose permissions the editor holds may become a default role.
        await host.CreateRoleAsync(tenantId, "newcomers");
        await host.GrantRawAsync(tenantId, PermissionProviderNames.Role, "newcomers", IdentityPermissions.Users.Default);
        var newcomers = await RoleAsync(tenantId, "newcomers");
        await host.AsUserAsync(tenantId, editor, ["role-editors"], sp => Service(sp).UpdateAsync(
            newcomers.Id,
            new UpdateRoleDto { Name = "newcomers", IsDefault = true, ConcurrencyStamp = newcomers.ConcurrencyStamp! },
            CancellationToken.None));
        (await RoleAsync(tenantId, "newcomers")).IsDefault.ShouldBeTrue();
    }

    [Fact]
    public async Task Update_Rename_MovesGrantsAndMembersKeepPermissions()
    {
        var tenantId = await host.CreateTenantAsync();
        await host.CreateRoleAsync(tenantId, "auditors");
        await host.GrantRawAsync(tenantId, PermissionProviderNames.Role, "auditors", AutoTrackerPermissions.Vehicles.Default, AutoTrackerPermissions.FuelEntries.Default);
        var memberId = await host.CreateUserAsync(tenantId, "auditors");
        (await host.IsGrantedAsync(tenantId, memberId, ["auditors"], AutoTrackerPermissions.FuelEntries.Default)).ShouldBeTrue();
        var role = await RoleAsync(tenantId, "auditors");

        await UpdateAsync(tenantId, role.Id, "Inspectors", isDefault: false, role.ConcurrencyStamp!);

        (await GrantsAsync(tenantId, "auditors")).ShouldBeEmpty();
        (await GrantsAsync(tenantId, "Inspectors")).ShouldBe([AutoTrackerPermissions.Vehicles.Default, AutoTrackerPermissions.FuelEntries.Default], ignoreOrder: true);
        (await host.IsGrantedAsync(tenantId, memberId, ["Inspectors"], AutoTrackerPermissions.FuelEntries.Default)).ShouldBeTrue();
        (await host.IsGrantedAsync(tenantId, memberId, ["auditors"], AutoTrackerPermissions.FuelEntries.Default)).ShouldBeFalse();
        var memberRoles = await host.InTenantAsync(tenantId, async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            return await users.GetRolesAsync((await users.FindByIdAsync(memberId.ToString()))!);
        });
        memberRoles.ShouldBe(["Inspectors"]);
    }

    [Fact]
    public async Task Update_RenameOnlyLetterCase_IsAllowed()
    {
        var tenantId = await host.CreateTenantAsync();
        await host.CreateRoleAsync(tenantId, "auditors");
        await host.GrantRawAsync(tenantId, PermissionProviderNames.Role, "auditors", AutoTrackerPermissions.Vehicles.Default);
        var role = await RoleAsync(tenantId, "auditors");

        await UpdateAsync(tenantId, role.Id, "Auditors", isDefault: false, role.ConcurrencyStamp!);

        (await GrantsAsync(tenantId, "Auditors")).ShouldBe([AutoTrackerPermissions.Vehicles.Default]);
    }

    [Fact]
    public async Task Update_TakenName_Rejected()
    {
        var tenantId = await host.CreateTenantAsync();
        await host.CreateRoleAsync(tenantId, "auditors");
        await host.GrantRawAsync(tenantId, PermissionProviderNames.Role, "auditors", AutoTrackerPermissions.Vehicles.Default);
        var role = await RoleAsync(tenantId, "auditors");

        var exception = await Should.ThrowAsync<BusinessException>(() => UpdateAsync(tenantId, role.Id, "Manager", isDefault: true, role.ConcurrencyStamp!));

        exception.Code.ShouldBe(ErrorCodes.RoleNameDuplicate);
        exception.Field.ShouldBe(nameof(UpdateRoleDto.Name));
        var after = await RoleAsync(tenantId, "auditors");
        after.IsDefault.ShouldBeFalse();
        after.ConcurrencyStamp.ShouldBe(role.ConcurrencyStamp);
        (await GrantsAsync(tenantId, "auditors")).ShouldBe([AutoTrackerPermissions.Vehicles.Default]);
    }

    [Fact]
    public async Task Update_StaleStamp_ConflictAndUnchanged()
    {
        var tenantId = await host.CreateTenantAsync();
        await host.CreateRoleAsync(tenantId, "auditors");
        var role = await RoleAsync(tenantId, "auditors");
        await UpdateAsync(tenantId, role.Id, "auditors", isDefault: true, role.ConcurrencyStamp!);

        await Should.ThrowAsync<ConcurrencyConflictException>(() => UpdateAsync(tenantId, role.Id, "renamed", isDefault: false, role.ConcurrencyStamp!));

        var after = await RoleAsync(tenantId, "auditors");
        after.IsDefault.ShouldBeTrue();
    }

    [Fact]
    public async Task Delete_RemovesRoleGrantsAndMemberships()
    {
        var tenantId = await host.CreateTenantAsync();
        await host.CreateRoleAsync(tenantId, "auditors");
        await host.GrantRawAsync(tenantId, PermissionProviderNames.Role, "auditors", AutoTrackerPermissions.Vehicles.Default);
        var memberId = await host.CreateUserAsync(tenantId, "auditors", StaticRoleNames.Driver);
        var role = await RoleAsync(tenantId, "auditors");

        await host.AsAdminAsync(tenantId, sp => Service(sp).DeleteAsync(role.Id, CancellationToken.None));

        (await RoleNamesAsync(tenantId)).ShouldNotContain("auditors");
        (await GrantsAsync(tenantId, "auditors")).ShouldBeEmpty();
        var memberships = await host.InTenantAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().UserRoles.Where(m => m.UserId == memberId).CountAsync());
        memberships.ShouldBe(1);
    }

    [Fact]
    public async Task Delete_StaticRole_RejectedAndUnchanged()
    {
        var tenantId = await host.CreateTenantAsync();
        var viewer = await RoleAsync(tenantId, StaticRoleNames.Viewer);

        var exception = await Should.ThrowAsync<BusinessException>(() => host.AsAdminAsync(tenantId, sp => Service(sp).DeleteAsync(viewer.Id, CancellationToken.None)));

        exception.Code.ShouldBe(ErrorCodes.StaticRoleChange);
        (await RoleNamesAsync(tenantId)).ShouldContain(StaticRoleNames.Viewer);
        (await GrantsAsync(tenantId, StaticRoleNames.Viewer)).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Delete_ActingUsersOnlyManagementRole_Rejected()
    {
        var tenantId = await host.CreateTenantAsync();
        await host.CreateRoleAsync(tenantId, "security");
        await host.GrantRawAsync(tenantId, PermissionProviderNames.Role, "security", ManagementGrants);
        var actingUser = await host.CreateUserAsync(tenantId, "security");

        // Another user keeps the right through the admin role, but the acting user would lose it.
        await host.CreateUserAsync(tenantId, StaticRoleNames.Admin);
        var role = await RoleAsync(tenantId, "security");

        var exception = await Should.ThrowAsync<BusinessException>(() =>
            host.AsUserAsync(tenantId, actingUser, ["security"], sp => Service(sp).DeleteAsync(role.Id, CancellationToken.None)));

        exception.Code.ShouldBe(ErrorCodes.LastPermissionManager);
        (await RoleNamesAsync(tenantId)).ShouldContain("security");
        (await GrantsAsync(tenantId, "security")).ShouldBe(ManagementGrants, ignoreOrder: true);
    }

    [Fact]
    public async Task Delete_LastManagementRoleOfTenant_Rejected()
    {
        var tenantId = await host.CreateTenantAsync();
        await host.CreateRoleAsync(tenantId, "security");
        await host.GrantRawAsync(tenantId, PermissionProviderNames.Role, "security", ManagementGrants);
        await host.CreateUserAsync(tenantId, "security");
        var role = await RoleAsync(tenantId, "security");

        // The acting user has no management right, but the role's member is the only user who has one.
        var exception = await Should.ThrowAsync<BusinessException>(() => host.AsAdminAsync(tenantId, sp => Service(sp).DeleteAsync(role.Id, CancellationToken.None)));

        exception.Code.ShouldBe(ErrorCodes.LastPermissionManager);
        (await GrantsAsync(tenantId, "security")).ShouldBe(ManagementGrants, ignoreOrder: true);
    }

    [Fact]
    public async Task Delete_LastUserEditorRole_Rejected()
    {
        var tenantId = await host.CreateTenantAsync();
        await host.CreateRoleAsync(tenantId, "people");
        await host.GrantRawAsync(tenantId, PermissionProviderNames.Role, "people", IdentityPermissions.Users.Default, IdentityPermissions.Users.Edit);
        await host.CreateUserAsync(tenantId, "people");
        var role = await RoleAsync(tenantId, "people");

        var exception = await Should.ThrowAsync<BusinessException>(() => host.AsAdminAsync(tenantId, sp => Service(sp).DeleteAsync(role.Id, CancellationToken.None)));

        exception.Code.ShouldBe(ErrorCodes.LastUserManager);
        (await RoleNamesAsync(tenantId)).ShouldContain("people");
    }

    [Fact]
    public async Task Delete_ActingUserKeepsRight_Succeeds()
    {
        var tenantId = await host.CreateTenantAsync();
        await host.CreateRoleAsync(tenantId, "security");
        await host.GrantRawAsync(tenantId, PermissionProviderNames.Role, "security", ManagementGrants);
        var actingUser = await host.CreateUserAsync(tenantId, "security", StaticRoleNames.Admin);
        var role = await RoleAsync(tenantId, "security");

        await host.AsUserAsync(tenantId, actingUser, [StaticRoleNames.Admin, "security"], sp => Service(sp).DeleteAsync(role.Id, CancellationToken.None));

        (await RoleNamesAsync(tenantId)).ShouldNotContain("security");
    }

    [Fact]
    public async Task GetList_FilterSortAndCounts()
    {
        var tenantId = await host.CreateTenantAsync();
        await host.CreateRoleAsync(tenantId, "Yard crew");
        await host.CreateRoleAsync(tenantId, "yard managers");
        await host.CreateUserAsync(tenantId, "yard managers");
        await host.CreateUserAsync(tenantId, "yard managers");

        var page = await host.AsAdminAsync(tenantId, sp => Service(sp).GetListAsync(new GetRoleListInput { Filter = "YARD", Sorting = "userCount desc" }, CancellationToken.None));

        page.Items.Select(r => r.Name).ShouldBe(["yard managers", "Yard crew"]);
        page.Items.Select(r => r.UserCount).ShouldBe([2, 0]);
        page.TotalCount.ShouldBe(2);
        page.HasMore.ShouldBeFalse();
        var all = await host.AsAdminAsync(tenantId, sp => Service(sp).GetListAsync(new GetRoleListInput { Take = 3 }, CancellationToken.None));
        all.Items.Select(r => r.Name).ShouldBe([StaticRoleNames.Admin, StaticRoleNames.Driver, StaticRoleNames.Manager]);
        all.HasMore.ShouldBeTrue();
        all.TotalCount.ShouldBe(7);
    }

    [Theory]
    [InlineData(0, "name")]
    [InlineData(201, null)]
    public async Task GetList_InvalidPaging_FieldError(int take, string? sorting)
    {
        var tenantId = await host.CreateTenantAsync();

        var exception = await Should.ThrowAsync<InputValidationException>(() =>
            host.AsAdminAsync(tenantId, sp => Service(sp).GetListAsync(new GetRoleListInput { Take = take, Sorting = sorting }, CancellationToken.None)));

        exception.Errors.Keys.ShouldBe([nameof(GetRoleListInput.Take)]);
    }

    [Fact]
    public async Task GetList_UnknownSorting_FieldError()
    {
        var tenantId = await host.CreateTenantAsync();

        var exception = await Should.ThrowAsync<InputValidationException>(() =>
            host.AsAdminAsync(tenantId, sp => Service(sp).GetListAsync(new GetRoleListInput { Sorting = "concurrencyStamp" }, CancellationToken.None)));

        exception.Errors.Keys.ShouldBe([nameof(GetRoleListInput.Sorting)]);
    }

    [Fact]
    public async Task OtherTenantsRole_IsNotFoundEverywhere()
    {
        var other = await host.CreateTenantAsync();
        await host.CreateRoleAsync(other, "auditors");
        var foreign = await RoleAsync(other, "auditors");
        var tenantId = await host.CreateTenantAsync();

        await Should.ThrowAsync<EntityNotFoundException>(() => host.AsAdminAsync(tenantId, sp => Service(sp).GetAsync(foreign.Id, CancellationToken.None)));
        await Should.ThrowAsync<EntityNotFoundException>(() => UpdateAsync(tenantId, foreign.Id, "taken", isDefault: true, foreign.ConcurrencyStamp!));
        await Should.ThrowAsync<EntityNotFoundException>(() => host.AsAdminAsync(tenantId, sp => Service(sp).DeleteAsync(foreign.Id, CancellationToken.None)));

        var after = await RoleAsync(other, "auditors");
        after.ConcurrencyStamp.ShouldBe(foreign.ConcurrencyStamp);
    }

    [Fact]
    public async Task Create_WithoutPermission_IsDenied()
    {
        var tenantId = await host.CreateTenantAsync();
        var userId = await host.CreateUserAsync(tenantId, StaticRoleNames.Manager);

        await Should.ThrowAsync<Authorization.AuthorizationException>(() =>
            host.AsUserAsync(tenantId, userId, [StaticRoleNames.Manager], sp => Service(sp).CreateAsync(new CreateRoleDto { Name = "auditors" }, CancellationToken.None)));

        (await RoleNamesAsync(tenantId)).ShouldNotContain("auditors");
    }

    private static IRoleAppService Service(IServiceProvider services) => services.GetRequiredService<IRoleAppService>();

    private Task<IdentityRoleDto> UpdateAsync(Guid? tenantId, Guid id, string name, bool isDefault, string stamp) =>
        host.AsAdminAsync(tenantId, sp => Service(sp).UpdateAsync(id, new UpdateRoleDto { Name = name, IsDefault = isDefault, ConcurrencyStamp = stamp }, CancellationToken.None));

    private Task<List<AppRole>> RolesAsync(Guid? tenantId) =>
        host.InTenantAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Roles.AsNoTracking().ToListAsync());

    private async Task<AppRole> RoleAsync(Guid? tenantId, string name) => (await RolesAsync(tenantId)).Single(r => r.Name == name);

    private async Task<List<string>> RoleNamesAsync(Guid? tenantId) => (await RolesAsync(tenantId)).Select(r => r.Name!).Order(StringComparer.Ordinal).ToList();

    private Task<List<string>> GrantsAsync(Guid? tenantId, string roleName) =>
        host.InTenantAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().PermissionGrants
            .Where(g => g.ProviderName == PermissionProviderNames.Role && g.ProviderKey == roleName)
            .Select(g => g.Name)
            .ToListAsync());
}
