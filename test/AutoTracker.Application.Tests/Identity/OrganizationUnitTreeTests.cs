using AutoTracker.Domain;
using AutoTracker.Identity;
using AutoTracker.Vehicles;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Identity;

/// <summary>Tree operations of organization units: codes, renames, moves, deletes and their rejections.</summary>
public sealed class OrganizationUnitTreeTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>
{
    private const string Password = "unit-tree-tests-passphrase-4";

    [Fact]
    public async Task Create_ChildrenGetCodesBelowParent()
    {
        var tenantId = await host.CreateTenantAsync();
        var north = await CreateAsync(tenantId, null, "North");
        var depot = await CreateAsync(tenantId, north.Id, "Depot");
        var yard = await CreateAsync(tenantId, north.Id, "Yard");

        north.Code.ShouldBe("00001");
        depot.Code.ShouldBe("00001.00001");
        yard.Code.ShouldBe("00001.00002");
        yard.Depth.ShouldBe(2);
    }

    [Fact]
    public async Task Create_SiblingNameTaken_FieldErrorAndNothingSaved()
    {
        var tenantId = await host.CreateTenantAsync();
        var north = await CreateAsync(tenantId, null, "North");
        await CreateAsync(tenantId, north.Id, "Depot");

        var error = await Should.ThrowAsync<InputValidationException>(() => CreateAsync(tenantId, north.Id, "depot"));

        error.Errors.Keys.ShouldBe(["DisplayName"]);
        (await ListAsync(tenantId)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Create_ParentOfOtherTenant_FieldError()
    {
        var otherTenant = await host.CreateTenantAsync();
        var foreign = await CreateAsync(otherTenant, null, "Foreign");
        var tenantId = await host.CreateTenantAsync();

        var error = await Should.ThrowAsync<InputValidationException>(() => CreateAsync(tenantId, foreign.Id, "Child"));

        error.Errors.Keys.ShouldBe(["ParentId"]);
        (await ListAsync(tenantId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Get_OtherTenantsUnit_NotFound()
    {
        var otherTenant = await host.CreateTenantAsync();
        var foreign = await CreateAsync(otherTenant, null, "Foreign");
        var tenantId = await host.CreateTenantAsync();

        await Should.ThrowAsync<EntityNotFoundException>(() => host.AsAdminAsync(tenantId, sp => Units(sp).GetAsync(foreign.Id, CancellationToken.None)));
        await Should.ThrowAsync<EntityNotFoundException>(() => host.AsAdminAsync(tenantId, sp => Units(sp).DeleteAsync(foreign.Id, CancellationToken.None)));
        (await ListAsync(otherTenant)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Update_StaleStamp_Conflict()
    {
        var tenantId = await host.CreateTenantAsync();
        var north = await CreateAsync(tenantId, null, "North");
        await host.AsAdminAsync(tenantId, sp => Units(sp).UpdateAsync(north.Id, new UpdateOrganizationUnitDto { DisplayName = "Northern", ConcurrencyStamp = north.ConcurrencyStamp }, CancellationToken.None));

        await Should.ThrowAsync<ConcurrencyConflictException>(() => host.AsAdminAsync(tenantId, sp =>
            Units(sp).UpdateAsync(north.Id, new UpdateOrganizationUnitDto { DisplayName = "Nord", ConcurrencyStamp = north.ConcurrencyStamp }, CancellationToken.None)));

        (await ListAsync(tenantId)).Single().DisplayName.ShouldBe("Northern");
    }

    [Fact]
    public async Task Move_UnderOwnDescendant_RejectedAndCodesUnchanged()
    {
        var tenantId = await host.CreateTenantAsync();
        var north = await CreateAsync(tenantId, null, "North");
        var depot = await CreateAsync(tenantId, north.Id, "Depot");
        var bay = await CreateAsync(tenantId, depot.Id, "Bay");

        foreach (var target in new[] { north.Id, depot.Id, bay.Id })
        {
            var error = await Should.ThrowAsync<InputValidationException>(() => MoveAsync(tenantId, north, target));
            error.Errors.Keys.ShouldBe(["NewParentId"]);
        }

        (await ListAsync(tenantId)).Select(u => u.Code).ShouldBe(["00001", "00001.00001", "00001.00001.00001"]);
    }

    [Fact]
    public async Task Move_Subtree_UpdatesEveryCode()
    {
        var tenantId = await host.CreateTenantAsync();
        var north = await CreateAsync(tenantId, null, "North");
        var south = await CreateAsync(tenantId, null, "South");
        var depot = await CreateAsync(tenantId, north.Id, "Depot");
        var bay = await CreateAsync(tenantId, depot.Id, "Bay");

        var moved = await MoveAsync(tenantId, depot, south.Id);

        moved.Code.ShouldBe("00002.00001");
        moved.ParentId.ShouldBe(south.Id);
        var all = (await ListAsync(tenantId)).ToDictionary(u => u.Id);
        all[bay.Id].Code.ShouldBe("00002.00001.00001");
        all[north.Id].Code.ShouldBe("00001");
    }

    [Fact]
    public async Task Move_BeyondMaxDepth_Rejected()
    {
        var tenantId = await host.CreateTenantAsync();
        OrganizationUnitDto? parent = null;
        for (var level = 1; level <= OrganizationUnitConsts.MaxDepth; level++)
        {
            parent = await CreateAsync(tenantId, parent?.Id, $"Level {level}");
        }

        var tooDeep = await Should.ThrowAsync<InputValidationException>(() => CreateAsync(tenantId, parent!.Id, "Too deep"));
        tooDeep.Errors.Keys.ShouldBe(["ParentId"]);

        var other = await CreateAsync(tenantId, null, "Other");
        await CreateAsync(tenantId, other.Id, "Other child");
        var error = await Should.ThrowAsync<InputValidationException>(() => MoveAsync(tenantId, other, parent!.Id));
        error.Errors.Keys.ShouldBe(["NewParentId"]);
    }

    [Fact]
    public async Task Delete_Subtree_KeepsVehiclesUnassignedForAdmin()
    {
        var tenantId = await host.CreateTenantAsync();
        var north = await CreateAsync(tenantId, null, "North");
        var depot = await CreateAsync(tenantId, north.Id, "Depot");
        var south = await CreateAsync(tenantId, null, "South");
        var userId = await host.InTenantAsync(tenantId, sp => TestUsers.CreateAsync(sp, tenantId, $"u{Guid.NewGuid():N}"[..20], Password, []));
        await host.AsAdminAsync(tenantId, sp => Units(sp).AddMembersAsync(depot.Id, new AddOrganizationUnitMembersDto { UserIds = [userId] }, CancellationToken.None));
        var vehicle = await host.AsAdminAsync(tenantId, sp => sp.GetRequiredService<IVehicleAppService>().CreateAsync(
            new CreateUpdateVehicleDto { Make = "Ford", Model = "Transit", MeterUnit = MeterUnit.Miles, OrganizationUnitId = depot.Id }, CancellationToken.None));

        await host.AsAdminAsync(tenantId, sp => Units(sp).DeleteAsync(north.Id, CancellationToken.None));

        (await ListAsync(tenantId)).Select(u => u.Id).ShouldBe([south.Id]);
        var reloaded = await host.AsAdminAsync(tenantId, sp => sp.GetRequiredService<IVehicleAppService>().GetAsync(vehicle.Id, CancellationToken.None));
        reloaded.OrganizationUnitId.ShouldBeNull();
        (await CountMembershipsAsync(tenantId)).ShouldBe(0);
    }

    [Fact]
    public async Task AddMembers_UnknownUser_FieldErrorAndNothingSaved()
    {
        var tenantId = await host.CreateTenantAsync();
        var north = await CreateAsync(tenantId, null, "North");

        var error = await Should.ThrowAsync<InputValidationException>(() => host.AsAdminAsync(tenantId, sp =>
            Units(sp).AddMembersAsync(north.Id, new AddOrganizationUnitMembersDto { UserIds = [Guid.NewGuid()] }, CancellationToken.None)));

        error.Errors.Keys.ShouldBe(["UserIds"]);
        (await CountMembershipsAsync(tenantId)).ShouldBe(0);
    }

    [Fact]
    public async Task AddRoles_KeepsMembersSignedIn()
    {
        var tenantId = await host.CreateTenantAsync();
        var north = await CreateAsync(tenantId, null, "North");
        var userId = await host.InTenantAsync(tenantId, sp => TestUsers.CreateAsync(sp, tenantId, $"u{Guid.NewGuid():N}"[..20], Password, []));
        await host.AsAdminAsync(tenantId, sp => Units(sp).AddMembersAsync(north.Id, new AddOrganizationUnitMembersDto { UserIds = [userId] }, CancellationToken.None));
        var roleId = await host.InTenantAsync(tenantId, sp => Task.FromResult(sp.GetRequiredService<RoleManager<AppRole>>().Roles.Single(r => r.Name == StaticRoleNames.Manager).Id));
        var stampBefore = await ReadSecurityStampAsync(tenantId, userId);

        await host.AsAdminAsync(tenantId, sp => Units(sp).AddRolesAsync(north.Id, new AddOrganizationUnitRolesDto { RoleIds = [roleId] }, CancellationToken.None));

        var roles = await host.AsAdminAsync(tenantId, sp => Units(sp).GetRolesAsync(north.Id, CancellationToken.None));
        roles.Select(r => r.Name).ShouldBe([StaticRoleNames.Manager]);
        (await ReadSecurityStampAsync(tenantId, userId)).ShouldBe(stampBefore, "a new stamp would sign the member out");
    }

    private static IOrganizationUnitAppService Units(IServiceProvider services) => services.GetRequiredService<IOrganizationUnitAppService>();

    private Task<OrganizationUnitDto> CreateAsync(Guid tenantId, Guid? parentId, string name) =>
        host.AsAdminAsync(tenantId, sp => Units(sp).CreateAsync(new CreateOrganizationUnitDto { ParentId = parentId, DisplayName = name }, CancellationToken.None));

    private async Task<OrganizationUnitDto> MoveAsync(Guid tenantId, OrganizationUnitDto unit, Guid? newParentId)
    {
        var current = await host.AsAdminAsync(tenantId, sp => Units(sp).GetAsync(unit.Id, CancellationToken.None));
        return await host.AsAdminAsync(tenantId, sp =>
            Units(sp).MoveAsync(unit.Id, new MoveOrganizationUnitDto { NewParentId = newParentId, ConcurrencyStamp = current.ConcurrencyStamp }, CancellationToken.None));
    }

    private Task<IReadOnlyList<OrganizationUnitDto>> ListAsync(Guid tenantId) =>
        host.AsAdminAsync(tenantId, sp => Units(sp).GetListAsync(CancellationToken.None));

    private Task<int> CountMembershipsAsync(Guid tenantId) =>
        host.InTenantAsync(tenantId, sp => Task.FromResult(sp.GetRequiredService<IRepository<UserOrganizationUnit>>().Query().Count()));

    private Task<string?> ReadSecurityStampAsync(Guid tenantId, Guid userId) =>
        host.InTenantAsync(tenantId, async sp => (await sp.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(userId.ToString()))?.SecurityStamp);
}
