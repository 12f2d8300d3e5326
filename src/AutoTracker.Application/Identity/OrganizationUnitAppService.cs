using AutoTracker.Application;
using AutoTracker.Authorization;
using AutoTracker.Domain;
using AutoTracker.MultiTenancy;
using AutoTracker.Permissions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace AutoTracker.Identity;

/// <summary>
/// Manages the organization unit tree of the current tenant, its members and its roles. A change of who belongs to a
/// unit, or of which roles a unit gives, applies to the affected users on their next request, because the sign-in
/// cookie's principal is rebuilt from the database on every request. Their security stamps stay as they are, since a
/// new stamp would sign them out.
/// </summary>
public sealed partial class OrganizationUnitAppService(
    IPermissionChecker permissions,
    IRepository<OrganizationUnit> units,
    IRepository<UserOrganizationUnit> memberships,
    IRepository<OrganizationUnitRole> unitRoles,
    UserManager<AppUser> userManager,
    RoleManager<AppRole> roleManager,
    IQueryExecutor executor,
    IUnitOfWork unitOfWork,
    ICurrentTenant currentTenant,
    ICurrentUser currentUser,
    ILogger<OrganizationUnitAppService> logger) : IOrganizationUnitAppService
{
    public async Task<IReadOnlyList<OrganizationUnitDto>> GetListAsync(CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.OrganizationUnits.Default, cancellationToken);
        var list = await executor.ToListAsync(units.Query().OrderBy(u => u.Code), cancellationToken);
        return list.Select(ToDto).ToList();
    }

    public async Task<OrganizationUnitDto> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.OrganizationUnits.Default, cancellationToken);
        return ToDto(await units.GetAsync(id, cancellationToken));
    }

    public async Task<OrganizationUnitDto> CreateAsync(CreateOrganizationUnitDto input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.OrganizationUnits.Create, cancellationToken);
        InputValidator.Validate(input);
        var displayName = RequireDisplayName(input.DisplayName);

        var unit = await unitOfWork.RunInTransactionAsync(
            async ct =>
            {
                var parent = await FindParentAsync(input.ParentId, nameof(input.ParentId), ct);
                if (parent is not null && OrganizationUnit.GetDepth(parent.Code) >= OrganizationUnitConsts.MaxDepth)
                {
                    throw new InputValidationException(nameof(input.ParentId), $"The tree may be at most {OrganizationUnitConsts.MaxDepth} levels deep, and this parent is at the deepest level.");
                }

                await EnsureUniqueAmongSiblingsAsync(input.ParentId, displayName, null, nameof(input.DisplayName), ct);
                var created = new OrganizationUnit(Guid.NewGuid(), parent?.Id, await NextChildCodeAsync(parent, nameof(input.ParentId), ct), displayName);
                units.Insert(created);
                return created;
            },
            cancellationToken);

        LogCreated(logger, currentUser.Id, unit.Id, currentTenant.Id);
        return ToDto(unit);
    }

    public async Task<OrganizationUnitDto> UpdateAsync(Guid id, UpdateOrganizationUnitDto input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.OrganizationUnits.Edit, cancellationToken);
        InputValidator.Validate(input);
        var displayName = RequireDisplayName(input.DisplayName);

        var unit = await unitOfWork.RunInTransactionAsync(
            async ct =>
            {
                var loaded = await units.GetAsync(id, ct);
                units.ExpectConcurrencyStamp(loaded, input.ConcurrencyStamp);
                await EnsureUniqueAmongSiblingsAsync(loaded.ParentId, displayName, loaded.Id, nameof(input.DisplayName), ct);
                loaded.DisplayName = displayName;
                return loaded;
            },
            cancellationToken);

        return ToDto(unit);
    }

    public async Task<OrganizationUnitDto> MoveAsync(Guid id, MoveOrganizationUnitDto input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.OrganizationUnits.Edit, cancellationToken);
        InputValidator.Validate(input);
        const string field = nameof(input.NewParentId);

        var unit = await unitOfWork.RunInTransactionAsync(
            async ct =>
            {
                var moving = await units.GetAsync(id, ct);
                units.ExpectConcurrencyStamp(moving, input.ConcurrencyStamp);
                if (moving.ParentId == input.NewParentId)
                {
                    return moving;
                }

                var parent = await FindParentAsync(input.NewParentId, field, ct);
                if (parent is not null && OrganizationUnit.IsSameOrBelow(parent.Code, moving.Code))
                {
                    throw new InputValidationException(field, "A unit cannot move under itself or under one of the units below it.");
                }

                var subtree = await LoadSubtreeAsync(moving.Code, ct);
                var subtreeHeight = subtree.Max(u => OrganizationUnit.GetDepth(u.Code)) - OrganizationUnit.GetDepth(moving.Code) + 1;
                var parentDepth = parent is null ? 0 : OrganizationUnit.GetDepth(parent.Code);
                if (parentDepth + subtreeHeight > OrganizationUnitConsts.MaxDepth)
                {
                    throw new InputValidationException(field, $"The tree may be at most {OrganizationUnitConsts.MaxDepth} levels deep; under this parent the moved units would go deeper.");
                }

                await EnsureUniqueAmongSiblingsAsync(input.NewParentId, moving.DisplayName, moving.Id, field, ct);
                var oldCode = moving.Code;
                var newCode = await NextChildCodeAsync(parent, field, ct);

                // Every code of the subtree changes in this transaction, so no query sees a half-moved tree.
                foreach (var below in subtree.Where(u => u.Id != moving.Id))
                {
                    below.ReplaceCodePrefix(oldCode, newCode);
                }

                moving.MoveTo(parent?.Id, newCode);
                return moving;
            },
            cancellationToken);

        LogMoved(logger, currentUser.Id, unit.Id, unit.ParentId, currentTenant.Id);
        return ToDto(unit);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.OrganizationUnits.Delete, cancellationToken);
        await unitOfWork.RunInTransactionAsync(
            async ct =>
            {
                var unit = await units.GetAsync(id, ct);
                var subtree = await LoadSubtreeAsync(unit.Code, ct);

                // Memberships, unit roles and the vehicles' assignments go with the units through the foreign keys.
                foreach (var deleted in subtree.OrderByDescending(u => u.Code.Length))
                {
                    units.Delete(deleted);
                }

                return subtree.Count;
            },
            cancellationToken);

        LogDeleted(logger, currentUser.Id, id, currentTenant.Id);
    }

    public async Task<IReadOnlyList<OrganizationUnitMemberDto>> GetMembersAsync(Guid id, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.OrganizationUnits.Default, cancellationToken);
        await units.GetAsync(id, cancellationToken);
        var members = memberships.Query().Where(m => m.OrganizationUnitId == id).Select(m => m.UserId);
        return await executor.ToListAsync(
            userManager.Users.Where(u => members.Contains(u.Id))
                .OrderBy(u => u.UserName)
                .Select(u => new OrganizationUnitMemberDto { Id = u.Id, UserName = u.UserName ?? string.Empty, Email = u.Email }),
            cancellationToken);
    }

    public async Task AddMembersAsync(Guid id, AddOrganizationUnitMembersDto input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.OrganizationUnits.ManageMembers, cancellationToken);
        InputValidator.Validate(input);
        var userIds = input.UserIds.Distinct().ToList();

        await unitOfWork.RunInTransactionAsync(
            async ct =>
            {
                await units.GetAsync(id, ct);

                // A unit with roles gives them to its new members, which only someone who could grant them directly may do.
                if (await executor.AnyAsync(unitRoles.Query().Where(r => r.OrganizationUnitId == id), ct))
                {
                    await permissions.CheckAsync(IdentityPermissions.Users.ManagePermissions, ct);
                }

                var found = await executor.ToListAsync(userManager.Users.Where(u => userIds.Contains(u.Id)).Select(u => u.Id), ct);
                var missing = userIds.Except(found).ToList();
                if (missing.Count > 0)
                {
                    throw new InputValidationException(nameof(input.UserIds), $"These users were not found in the tenant: {string.Join(", ", missing)}.");
                }

                var existing = await executor.ToListAsync(memberships.Query().Where(m => m.OrganizationUnitId == id && userIds.Contains(m.UserId)).Select(m => m.UserId), ct);
                var added = userIds.Except(existing).ToList();
                foreach (var userId in added)
                {
                    memberships.Insert(new UserOrganizationUnit(Guid.NewGuid(), userId, id));
                }

                return added.Count;
            },
            cancellationToken);

        LogMembersAdded(logger, currentUser.Id, id, userIds.Count, currentTenant.Id);
    }

    public async Task AddMemberByUserNameAsync(Guid id, string userName, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.OrganizationUnits.ManageMembers, cancellationToken);
        await units.GetAsync(id, cancellationToken);
        const string field = "UserName";
        var name = InputText.TrimToNull(userName) ?? throw new InputValidationException(field, "The user name is required.");
        var normalized = userManager.NormalizeName(name);
        var userId = await executor.FirstOrDefaultAsync(userManager.Users.Where(u => u.NormalizedUserName == normalized).Select(u => (Guid?)u.Id), cancellationToken)
            ?? throw new InputValidationException(field, $"No user of this tenant is called '{name}'.");
        await AddMembersAsync(id, new AddOrganizationUnitMembersDto { UserIds = [userId] }, cancellationToken);
    }

    public async Task RemoveMemberAsync(Guid id, Guid userId, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.OrganizationUnits.ManageMembers, cancellationToken);
        await unitOfWork.RunInTransactionAsync(
            async ct =>
            {
                await units.GetAsync(id, ct);
                var membership = await executor.FirstOrDefaultAsync(memberships.Query().Where(m => m.OrganizationUnitId == id && m.UserId == userId), ct)
                    ?? throw new EntityNotFoundException(typeof(UserOrganizationUnit), userId);
                memberships.Delete(membership);
                return true;
            },
            cancellationToken);

        LogMemberRemoved(logger, currentUser.Id, id, userId, currentTenant.Id);
    }

    public async Task<IReadOnlyList<OrganizationUnitRoleDto>> GetRolesAsync(Guid id, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.OrganizationUnits.Default, cancellationToken);
        await units.GetAsync(id, cancellationToken);
        var roleIds = unitRoles.Query().Where(r => r.OrganizationUnitId == id).Select(r => r.RoleId);
        return await executor.ToListAsync(
            roleManager.Roles.Where(r => roleIds.Contains(r.Id)).OrderBy(r => r.Name).Select(r => new OrganizationUnitRoleDto { Id = r.Id, Name = r.Name ?? string.Empty }),
            cancellationToken);
    }

    public async Task AddRolesAsync(Guid id, AddOrganizationUnitRolesDto input, CancellationToken cancellationToken)
    {
        await CheckManageRolesAsync(cancellationToken);
        InputValidator.Validate(input);
        var roleIds = input.RoleIds.Distinct().ToList();

        await unitOfWork.RunInTransactionAsync(
            async ct =>
            {
                await units.GetAsync(id, ct);
                var found = await executor.ToListAsync(roleManager.Roles.Where(r => roleIds.Contains(r.Id)).Select(r => r.Id), ct);
                var missing = roleIds.Except(found).ToList();
                if (missing.Count > 0)
                {
                    throw new InputValidationException(nameof(input.RoleIds), $"These roles were not found in the tenant: {string.Join(", ", missing)}.");
                }

                var existing = await executor.ToListAsync(unitRoles.Query().Where(r => r.OrganizationUnitId == id && roleIds.Contains(r.RoleId)).Select(r => r.RoleId), ct);
                foreach (var roleId in roleIds.Except(existing))
                {
                    unitRoles.Insert(new OrganizationUnitRole(Guid.NewGuid(), id, roleId));
                }

                return true;
            },
            cancellationToken);

        LogRolesAdded(logger, currentUser.Id, id, roleIds.Count, currentTenant.Id);
    }

    // NOTE: PermissionHolders counts only roles given to users directly, so removing a unit role does not check
    // whether the tenant keeps a user who can manage permissions.
    public async Task RemoveRoleAsync(Guid id, Guid roleId, CancellationToken cancellationToken)
    {
        await CheckManageRolesAsync(cancellationToken);
        await unitOfWork.RunInTransactionAsync(
            async ct =>
            {
                await units.GetAsync(id, ct);
                var unitRole = await executor.FirstOrDefaultAsync(unitRoles.Query().Where(r => r.OrganizationUnitId == id && r.RoleId == roleId), ct)
                    ?? throw new EntityNotFoundException(typeof(OrganizationUnitRole), roleId);
                unitRoles.Delete(unitRole);
                return true;
            },
            cancellationToken);

        LogRoleRemoved(logger, currentUser.Id, id, roleId, currentTenant.Id);
    }

    public async Task<IReadOnlyList<OrganizationUnitRoleDto>> GetRoleChoicesAsync(CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.OrganizationUnits.Default, cancellationToken);
        return await executor.ToListAsync(
            roleManager.Roles.OrderBy(r => r.Name).Select(r => new OrganizationUnitRoleDto { Id = r.Id, Name = r.Name ?? string.Empty }),
            cancellationToken);
    }

    /// <summary>
    /// Checks the right to change a unit's roles. Members get the roles' permissions, so it also takes
    /// <see cref="IdentityPermissions.Roles.ManagePermissions"/>, with which a user could grant those permissions anyway.
    /// </summary>
    private async Task CheckManageRolesAsync(CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.OrganizationUnits.ManageMembers, cancellationToken);
        await permissions.CheckAsync(IdentityPermissions.Roles.ManagePermissions, cancellationToken);
    }

    private static string RequireDisplayName(string displayName) =>
        InputText.TrimToNull(displayName) ?? throw new InputValidationException(nameof(CreateOrganizationUnitDto.DisplayName), "The display name is required.");

    private async Task<OrganizationUnit?> FindParentAsync(Guid? parentId, string field, CancellationToken cancellationToken)
    {
        if (parentId is not { } id)
        {
            return null;
        }

        return await executor.FirstOrDefaultAsync(units.Query().Where(u => u.Id == id), cancellationToken)
            ?? throw new InputValidationException(field, $"The parent unit {id} was not found in the tenant.");
    }

    private async Task EnsureUniqueAmongSiblingsAsync(Guid? parentId, string displayName, Guid? exceptId, string field, CancellationToken cancellationToken)
    {
        // Compared in memory, case-insensitively, so that SQLite and MySQL agree; a unit has at most MaxChildren children.
        var siblings = await executor.ToListAsync(
            units.Query().Where(u => u.ParentId == parentId && u.Id != exceptId).Select(u => u.DisplayName),
            cancellationToken);
        if (siblings.Contains(displayName, StringComparer.OrdinalIgnoreCase))
        {
            throw new InputValidationException(field, $"Another unit at this place in the tree is already called '{displayName}'.");
        }
    }

    /// <summary>Returns the code for a new child of <paramref name="parent"/> (null for a root), one above the highest code in use there.</summary>
    private async Task<string> NextChildCodeAsync(OrganizationUnit? parent, string field, CancellationToken cancellationToken)
    {
        var parentId = parent?.Id;
        var codes = await executor.ToListAsync(units.Query().Where(u => u.ParentId == parentId).Select(u => u.Code), cancellationToken);
        if (codes.Count >= OrganizationUnitConsts.MaxChildren)
        {
            throw new InputValidationException(field, $"A unit may have at most {OrganizationUnitConsts.MaxChildren} children, and this one has that many.");
        }

        var next = codes.Count == 0 ? 1 : codes.Max(OrganizationUnit.GetLastNumber) + 1;
        if (next >= Math.Pow(10, OrganizationUnitConsts.CodeUnitLength))
        {
            throw new InputValidationException(field, "This unit has used up the numbers for its children's codes; create the unit under another parent.");
        }

        return OrganizationUnit.CreateCode(parent?.Code, next);
    }

    private Task<List<OrganizationUnit>> LoadSubtreeAsync(string code, CancellationToken cancellationToken) =>
        executor.ToListAsync(units.Query().Where(u => u.Code.StartsWith(code)), cancellationToken);

    private static OrganizationUnitDto ToDto(OrganizationUnit unit) => new()
    {
        Id = unit.Id,
        ParentId = unit.ParentId,
        Code = unit.Code,
        DisplayName = unit.DisplayName,
        Depth = OrganizationUnit.GetDepth(unit.Code),
        ConcurrencyStamp = unit.ConcurrencyStamp,
    };

    [LoggerMessage(EventId = 7301, Level = LogLevel.Information, Message = "User {UserId} created organization unit {UnitId} in tenant {TenantId}")]
    private static partial void LogCreated(ILogger logger, Guid? userId, Guid unitId, Guid? tenantId);

    [LoggerMessage(EventId = 7302, Level = LogLevel.Information, Message = "User {UserId} moved organization unit {UnitId} under {ParentId} in tenant {TenantId}")]
    private static partial void LogMoved(ILogger logger, Guid? userId, Guid unitId, Guid? parentId, Guid? tenantId);

    [LoggerMessage(EventId = 7303, Level = LogLevel.Information, Message = "User {UserId} deleted organization unit {UnitId} and its subtree in tenant {TenantId}")]
    private static partial void LogDeleted(ILogger logger, Guid? userId, Guid unitId, Guid? tenantId);

    [LoggerMessage(EventId = 7304, Level = LogLevel.Information, Message = "User {UserId} added {Count} users to organization unit {UnitId} in tenant {TenantId}")]
    private static partial void LogMembersAdded(ILogger logger, Guid? userId, Guid unitId, int count, Guid? tenantId);

    [LoggerMessage(EventId = 7305, Level = LogLevel.Information, Message = "User {UserId} removed user {MemberId} from organization unit {UnitId} in tenant {TenantId}")]
    private static partial void LogMemberRemoved(ILogger logger, Guid? userId, Guid unitId, Guid memberId, Guid? tenantId);

    [LoggerMessage(EventId = 7306, Level = LogLevel.Information, Message = "User {UserId} added {Count} roles to organization unit {UnitId} in tenant {TenantId}")]
    private static partial void LogRolesAdded(ILogger logger, Guid? userId, Guid unitId, int count, Guid? tenantId);

    [LoggerMessage(EventId = 7307, Level = LogLevel.Information, Message = "User {UserId} removed role {RoleId} from organization unit {UnitId} in tenant {TenantId}")]
    private static partial void LogRoleRemoved(ILogger logger, Guid? userId, Guid unitId, Guid roleId, Guid? tenantId);
}
