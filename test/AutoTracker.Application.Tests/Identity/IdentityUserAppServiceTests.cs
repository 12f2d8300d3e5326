using System.Text.RegularExpressions;
using AutoTracker.Domain;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.PermissionManagement;
using AutoTracker.Permissions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Identity;

/// <summary>
/// User management through the application service on a real database: field errors that leave the database
/// unchanged, the user limit, the self-protection rules, role escalation, and the invitation and reset links.
/// </summary>
public sealed partial class IdentityUserAppServiceTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>
{
    private const string Password = "correct-horse-battery-staple-9";

    [Fact]
    public async Task Create_WithPassword_StoresUserAndRoles()
    {
        var tenantId = await host.CreateTenantAsync();

        var created = await host.AsAdminAsync(tenantId, sp => Users(sp).CreateAsync(
            new IdentityUserCreateDto { UserName = "dana", Email = "dana@fleet.test", Password = Password, RoleNames = ["driver", "VIEWER"] },
            CancellationToken.None));

        created.RoleNames.ShouldBe(["driver", "viewer"]);
        created.HasPassword.ShouldBeTrue();
        var stored = await host.InTenantAsync(tenantId, async sp =>
        {
            var manager = sp.GetRequiredService<UserManager<AppUser>>();
            var user = await manager.FindByIdAsync(created.Id.ToString());
            return (user!.TenantId, Roles: await manager.GetRolesAsync(user), user.EmailConfirmed, Valid: await manager.CheckPasswordAsync(user, Password));
        });
        stored.TenantId.ShouldBe(tenantId);
        stored.Roles.Order().ShouldBe(["driver", "viewer"]);
        stored.EmailConfirmed.ShouldBeFalse();
        stored.Valid.ShouldBeTrue();
        var mails = Directory.Exists(host.MailFolder) ? Directory.GetFiles(host.MailFolder).Select(File.ReadAllText) : [];
        mails.ShouldNotContain(m => m.Contains("To: dana@fleet.test", StringComparison.Ordinal), "a user with a password gets no invitation");
    }

    [Fact]
    public async Task Create_NoRoleNames_GetsDefaultRoles()
    {
        var tenantId = await host.CreateTenantAsync();
        await host.InTenantAsync(tenantId, async sp =>
        {
            var roles = sp.GetRequiredService<RoleManager<AppRole>>();
            var driver = await roles.FindByNameAsync(StaticRoleNames.Driver);
            driver!.IsDefault = true;
            (await roles.UpdateAsync(driver)).Succeeded.ShouldBeTrue();
        });

        var withDefaults = await host.AsAdminAsync(tenantId, sp => Users(sp).CreateAsync(
            new IdentityUserCreateDto { UserName = "gale", Email = "gale@fleet.test", Password = Password, RoleNames = null },
            CancellationToken.None));
        var withNone = await host.AsAdminAsync(tenantId, sp => Users(sp).CreateAsync(
            new IdentityUserCreateDto { UserName = "hana", Email = "hana@fleet.test", Password = Password, RoleNames = [] },
            CancellationToken.None));

        withDefaults.RoleNames.ShouldBe([StaticRoleNames.Driver]);
        (await RolesAsync(tenantId, withDefaults.Id)).ShouldBe([StaticRoleNames.Driver]);
        withNone.RoleNames.ShouldBeEmpty();
        (await RolesAsync(tenantId, withNone.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Create_DefaultRoleBeyondCreator_Rejected()
    {
        var tenantId = await host.CreateTenantAsync();
        await CreateUserAdminsRoleAsync(tenantId);
        var creator = await CreateAsync(tenantId, "gus", roles: ["user-admins"]);
        var manager = await host.InTenantAsync(tenantId, sp => sp.GetRequiredService<RoleManager<AppRole>>().FindByNameAsync(StaticRoleNames.Manager));
        await host.AsAdminAsync(tenantId, sp => sp.GetRequiredService<IRoleAppService>().UpdateAsync(
            manager!.Id,
            new UpdateRoleDto { Name = StaticRoleNames.Manager, IsDefault = true, ConcurrencyStamp = manager.ConcurrencyStamp! },
            CancellationToken.None));

        // The creator holds none of the manager role's vehicle permissions, so an invitation to their own second
        // address would give them those permissions.
        var error = await Should.ThrowAsync<InputValidationException>(() => host.AsUserAsync(tenantId, creator, ["user-admins"], sp => Users(sp).CreateAsync(
            new IdentityUserCreateDto { UserName = "gus2", Email = "gus+2@fleet.test", RoleNames = null },
            CancellationToken.None)));

        error.Errors.Keys.ShouldBe(["roleNames"]);
        (await CountUsersAsync(tenantId)).ShouldBe(1);
    }

    [Fact]
    public async Task Create_UnknownRoleTwice_NamedOnce()
    {
        var tenantId = await host.CreateTenantAsync();

        var error = await Should.ThrowAsync<InputValidationException>(() => host.AsAdminAsync(tenantId, sp => Users(sp).CreateAsync(
            new IdentityUserCreateDto { UserName = "ivo", Email = "ivo@fleet.test", Password = Password, RoleNames = ["viewer", "Pilot", "pilot", "VIEWER", "crew"] },
            CancellationToken.None)));

        error.Errors["roleNames"].ShouldBe(["The role 'Pilot' does not exist in this tenant.", "The role 'pilot' does not exist in this tenant.", "The role 'crew' does not exist in this tenant."]);
        (await CountUsersAsync(tenantId)).ShouldBe(0);
    }

    [Fact]
    public async Task Create_UnknownRole_FieldErrorAndNoUser()
    {
        var tenantId = await host.CreateTenantAsync();

        var error = await Should.ThrowAsync<InputValidationException>(() => host.AsAdminAsync(tenantId, sp => Users(sp).CreateAsync(
            new IdentityUserCreateDto { UserName = "erin", Email = "erin@fleet.test", Password = Password, RoleNames = ["driver", "pilot"] },
            CancellationToken.None)));

        error.Errors.Keys.ShouldBe(["roleNames"]);
        error.Errors["roleNames"].Single().ShouldContain("'pilot'");
        (await CountUsersAsync(tenantId)).ShouldBe(0);
    }

    [Theory]
    [InlineData("short", "password")]
    [InlineData("password1234", "password")]
    public async Task Create_PasswordAgainstPolicy_FieldErrorAndNoUser(string password, string field)
    {
        var tenantId = await host.CreateTenantAsync();

        var error = await Should.ThrowAsync<InputValidationException>(() => host.AsAdminAsync(tenantId, sp => Users(sp).CreateAsync(
            new IdentityUserCreateDto { UserName = "frank", Email = "frank@fleet.test", Password = password },
            CancellationToken.None)));

        error.Errors.Keys.ShouldContain(field);
        (await CountUsersAsync(tenantId)).ShouldBe(0);
    }

    [Fact]
    public async Task Create_DuplicateUserNameOrEmail_FieldErrors()
    {
        var tenantId = await host.CreateTenantAsync();
        await CreateAsync(tenantId, "gina", roles: []);

        var sameName = await Should.ThrowAsync<InputValidationException>(() => host.AsAdminAsync(tenantId, sp => Users(sp).CreateAsync(
            new IdentityUserCreateDto { UserName = "GINA", Email = "other@fleet.test", Password = Password }, CancellationToken.None)));
        var sameEmail = await Should.ThrowAsync<InputValidationException>(() => host.AsAdminAsync(tenantId, sp => Users(sp).CreateAsync(
            new IdentityUserCreateDto { UserName = "gina2", Email = "Gina@Fleet.test", Password = Password }, CancellationToken.None)));

        sameName.Errors.Keys.ShouldBe(["userName"]);
        sameEmail.Errors.Keys.ShouldBe(["email"]);
        (await CountUsersAsync(tenantId)).ShouldBe(1);
    }

    [Fact]
    public async Task Create_SameNameInOtherTenant_Succeeds()
    {
        var first = await host.CreateTenantAsync();
        var second = await host.CreateTenantAsync();
        await CreateAsync(first, "hank", roles: []);

        await CreateAsync(second, "hank", roles: []);

        (await CountUsersAsync(second)).ShouldBe(1);
    }

    [Fact]
    public async Task Create_OverUserLimit_RejectedAndNoUser()
    {
        var tenantId = await host.CreateTenantAsync();
        await SetUserLimitAsync(tenantId, 2);
        await CreateAsync(tenantId, "ida", roles: []);
        await CreateAsync(tenantId, "jack", roles: []);

        var error = await Should.ThrowAsync<BusinessException>(() => CreateAsync(tenantId, "kim", roles: []));

        error.Code.ShouldBe(ErrorCodes.UserLimitReached);
        (await CountUsersAsync(tenantId)).ShouldBe(2);
    }

    [Fact]
    public async Task Create_ParallelOverLimit_StopsAtLimit()
    {
        var tenantId = await host.CreateTenantAsync();
        await SetUserLimitAsync(tenantId, 3);
        using var start = new ManualResetEventSlim();

        var attempts = Enumerable.Range(0, 8)
            .Select(i => Task.Run(async () =>
            {
                start.Wait();
                try
                {
                    await CreateAsync(tenantId, $"race{i}", roles: []);
                    return null;
                }
                catch (Exception ex)
                {
                    return ex;
                }
            }))
            .ToList();
        start.Set();
        var failures = (await Task.WhenAll(attempts)).OfType<Exception>().ToList();

        (await CountUsersAsync(tenantId)).ShouldBe(3);
        failures.Count.ShouldBe(5);
        failures.ShouldAllBe(e => e is BusinessException && ((BusinessException)e).Code == ErrorCodes.UserLimitReached);
    }

    [Fact]
    public async Task GetList_FilterAndPage_ReadsRolesInOneQuery()
    {
        var tenantId = await host.CreateTenantAsync();
        for (var i = 0; i < 5; i++)
        {
            await CreateAsync(tenantId, $"list{i}", roles: ["driver", "viewer"]);
        }

        await CreateAsync(tenantId, "other", roles: []);
        var otherTenant = await host.CreateTenantAsync();
        await CreateAsync(otherTenant, "list9", roles: []);

        host.Commands.Reset();
        var page = await host.AsAdminAsync(tenantId, sp => Users(sp).GetListAsync(
            new GetIdentityUsersInput { Filter = "LIST", Take = 3, Sort = IdentityUserSortField.UserName, Descending = true }, CancellationToken.None));
        var commands = host.Commands.Count;

        page.Items.Select(u => u.UserName).ShouldBe(["list4", "list3", "list2"]);
        page.HasMore.ShouldBeTrue();
        page.TotalCount.ShouldBe(5);
        page.Items.ShouldAllBe(u => u.RoleNames.SequenceEqual(new[] { "driver", "viewer" }));
        commands.ShouldBeLessThanOrEqualTo(6, "the list, its roles and its count, plus the permission checks, without one query per user");
    }

    [Fact]
    public async Task Get_OtherTenantsUser_NotFound()
    {
        var first = await host.CreateTenantAsync();
        var second = await host.CreateTenantAsync();
        var userId = await CreateAsync(first, "lena", roles: []);

        await Should.ThrowAsync<EntityNotFoundException>(() => host.AsAdminAsync(second, sp => Users(sp).GetAsync(userId, CancellationToken.None)));
        await Should.ThrowAsync<EntityNotFoundException>(() => host.AsAdminAsync(second, sp => Users(sp).DeleteAsync(userId, CancellationToken.None)));
        await Should.ThrowAsync<EntityNotFoundException>(() => host.AsAdminAsync(null, sp => Users(sp).GetAsync(userId, CancellationToken.None)));
        (await CountUsersAsync(first)).ShouldBe(1);
    }

    [Fact]
    public async Task Update_StaleStamp_Conflict()
    {
        var tenantId = await host.CreateTenantAsync();
        var userId = await CreateAsync(tenantId, "mona", roles: []);

        await Should.ThrowAsync<ConcurrencyConflictException>(() => host.AsAdminAsync(tenantId, sp => Users(sp).UpdateAsync(
            userId,
            new IdentityUserUpdateDto { UserName = "mona2", Email = "mona@fleet.test", ConcurrencyStamp = Guid.NewGuid().ToString() },
            CancellationToken.None)));

        (await ReadAsync(tenantId, userId)).UserName.ShouldBe("mona");
    }

    [Fact]
    public async Task Update_DeactivateAndRoles_RenewSecurityStamp()
    {
        var tenantId = await host.CreateTenantAsync();
        var userId = await CreateAsync(tenantId, "nick", roles: ["driver"]);
        var before = await ReadAsync(tenantId, userId);

        var updated = await host.AsAdminAsync(tenantId, sp => Users(sp).UpdateAsync(
            userId,
            new IdentityUserUpdateDto
            {
                UserName = "nick",
                Email = "nick@fleet.test",
                IsActive = false,
                RoleNames = ["viewer"],
                ConcurrencyStamp = before.ConcurrencyStamp!,
            },
            CancellationToken.None));

        var after = await ReadAsync(tenantId, userId);
        after.IsActive.ShouldBeFalse();
        after.SecurityStamp.ShouldNotBe(before.SecurityStamp);
        updated.RoleNames.ShouldBe(["viewer"]);
        updated.ConcurrencyStamp.ShouldBe(after.ConcurrencyStamp);
    }

    [Fact]
    public async Task Lock_UntilUnlocked_RenewsStampAndUnlockClears()
    {
        var tenantId = await host.CreateTenantAsync();
        var userId = await CreateAsync(tenantId, "olga", roles: []);
        var before = await ReadAsync(tenantId, userId);

        var locked = await host.AsAdminAsync(tenantId, sp => Users(sp).LockAsync(userId, new IdentityUserLockDto(), CancellationToken.None));

        locked.IsLockedOut.ShouldBeTrue();
        locked.LockoutEnd.ShouldBe(DateTimeOffset.MaxValue);
        (await ReadAsync(tenantId, userId)).SecurityStamp.ShouldNotBe(before.SecurityStamp);

        var unlocked = await host.AsAdminAsync(tenantId, sp => Users(sp).UnlockAsync(userId, CancellationToken.None));
        unlocked.IsLockedOut.ShouldBeFalse();
    }

    [Fact]
    public async Task Lock_EndInPast_FieldError()
    {
        var tenantId = await host.CreateTenantAsync();
        var userId = await CreateAsync(tenantId, "paul", roles: []);

        var error = await Should.ThrowAsync<InputValidationException>(() => host.AsAdminAsync(tenantId, sp =>
            Users(sp).LockAsync(userId, new IdentityUserLockDto { LockoutEnd = host.Clock.GetUtcNow().AddMinutes(-1) }, CancellationToken.None)));

        error.Errors.Keys.ShouldBe(["LockoutEnd"]);
        (await ReadAsync(tenantId, userId)).LockoutEnd.ShouldBeNull();
    }

    [Fact]
    public async Task SelfChanges_DeleteDeactivateLockOwnAdminRole_Rejected()
    {
        var tenantId = await host.CreateTenantAsync();
        var self = await CreateAsync(tenantId, "quinn", roles: [StaticRoleNames.Admin]);
        await CreateAsync(tenantId, "quinn2", roles: [StaticRoleNames.Admin]);
        var before = await ReadAsync(tenantId, self);

        var delete = await Should.ThrowAsync<BusinessException>(() => AsSelfAsync(tenantId, self, users => users.DeleteAsync(self, CancellationToken.None)));
        var deactivate = await Should.ThrowAsync<BusinessException>(() => AsSelfAsync(tenantId, self, users => users.UpdateAsync(
            self,
            new IdentityUserUpdateDto { UserName = "quinn", Email = "quinn@fleet.test", IsActive = false, ConcurrencyStamp = before.ConcurrencyStamp! },
            CancellationToken.None)));
        var lockSelf = await Should.ThrowAsync<BusinessException>(() => AsSelfAsync(tenantId, self, users => users.LockAsync(self, new IdentityUserLockDto(), CancellationToken.None)));
        var dropAdmin = await Should.ThrowAsync<BusinessException>(() => AsSelfAsync(tenantId, self, users => users.UpdateRolesAsync(
            self, new IdentityUserUpdateRolesDto { RoleNames = ["viewer"] }, CancellationToken.None)));

        delete.Code.ShouldBe(ErrorCodes.UserSelfChangeForbidden);
        deactivate.Code.ShouldBe(ErrorCodes.UserSelfChangeForbidden);
        deactivate.Field.ShouldBe("IsActive");
        lockSelf.Code.ShouldBe(ErrorCodes.UserSelfChangeForbidden);
        dropAdmin.Code.ShouldBe(ErrorCodes.UserSelfChangeForbidden);
        dropAdmin.Field.ShouldBe("RoleNames");
        var after = await ReadAsync(tenantId, self);
        after.SecurityStamp.ShouldBe(before.SecurityStamp);
        after.IsActive.ShouldBeTrue();
        (await RolesAsync(tenantId, self)).ShouldBe([StaticRoleNames.Admin]);
    }

    [Fact]
    public async Task SelfRoles_KeepingManagement_Allowed()
    {
        var tenantId = await host.CreateTenantAsync();
        var self = await CreateAsync(tenantId, "rita", roles: [StaticRoleNames.Admin]);

        await AsSelfAsync(tenantId, self, users => users.UpdateRolesAsync(
            self, new IdentityUserUpdateRolesDto { RoleNames = [StaticRoleNames.Admin, "viewer"] }, CancellationToken.None));

        (await RolesAsync(tenantId, self)).Order().ShouldBe([StaticRoleNames.Admin, "viewer"]);
    }

    [Fact]
    public async Task LastManager_DeleteOrDeactivate_Rejected()
    {
        var tenantId = await host.CreateTenantAsync();
        var onlyAdmin = await CreateAsync(tenantId, "sam", roles: [StaticRoleNames.Admin]);
        var stamp = (await ReadAsync(tenantId, onlyAdmin)).ConcurrencyStamp!;

        // The acting user holds the permissions through the role claims only, and no user row has that id.
        var delete = await Should.ThrowAsync<BusinessException>(() => host.AsAdminAsync(tenantId, sp => Users(sp).DeleteAsync(onlyAdmin, CancellationToken.None)));
        var deactivate = await Should.ThrowAsync<BusinessException>(() => host.AsAdminAsync(tenantId, sp => Users(sp).UpdateAsync(
            onlyAdmin,
            new IdentityUserUpdateDto { UserName = "sam", Email = "sam@fleet.test", IsActive = false, ConcurrencyStamp = stamp },
            CancellationToken.None)));
        var lockLast = await Should.ThrowAsync<BusinessException>(() => host.AsAdminAsync(tenantId, sp => Users(sp).LockAsync(onlyAdmin, new IdentityUserLockDto(), CancellationToken.None)));

        delete.Code.ShouldBe(ErrorCodes.LastUserManager);
        deactivate.Code.ShouldBe(ErrorCodes.LastUserManager);
        lockLast.Code.ShouldBe(ErrorCodes.LastUserManager);
        (await CountUsersAsync(tenantId)).ShouldBe(1);
        (await ReadAsync(tenantId, onlyAdmin)).IsActive.ShouldBeTrue();
    }

    [Fact]
    public async Task LastAdmin_SwapsToUserRoleOnly_Rejected()
    {
        var tenantId = await host.CreateTenantAsync();
        await CreateUserAdminsRoleAsync(tenantId);
        var self = await CreateAsync(tenantId, "tara", roles: [StaticRoleNames.Admin]);

        // The user-admins role keeps Identity.Users.Edit but not the right to manage permissions, which only the admin
        // role carries here, and the admin role cannot be given back by a user who lacks its permissions.
        var error = await Should.ThrowAsync<BusinessException>(() => AsSelfAsync(tenantId, self, users => users.UpdateRolesAsync(
            self, new IdentityUserUpdateRolesDto { RoleNames = ["user-admins"] }, CancellationToken.None)));

        error.Code.ShouldBe(ErrorCodes.LastPermissionManager);
        (await RolesAsync(tenantId, self)).ShouldBe([StaticRoleNames.Admin]);

        // With a second admin, the first may step down to the narrower role.
        await CreateAsync(tenantId, "tara2", roles: [StaticRoleNames.Admin]);
        await AsSelfAsync(tenantId, self, users => users.UpdateRolesAsync(self, new IdentityUserUpdateRolesDto { RoleNames = ["user-admins"] }, CancellationToken.None));
        (await RolesAsync(tenantId, self)).ShouldBe(["user-admins"]);
    }

    [Fact]
    public async Task TwoAdmins_DemoteEachOtherInParallel_OneStays()
    {
        // One round may happen to run the two requests one after the other, so several rounds give the race a chance.
        for (var round = 0; round < 5; round++)
        {
            var tenantId = await host.CreateTenantAsync();
            var first = await CreateAsync(tenantId, "ruth", roles: [StaticRoleNames.Admin]);
            var second = await CreateAsync(tenantId, "saul", roles: [StaticRoleNames.Admin]);
            using var start = new ManualResetEventSlim();

            Task<Exception?> DemoteAsync(Guid actor, Guid target) => Task.Run(async () =>
            {
                start.Wait();
                try
                {
                    await AsSelfAsync(tenantId, actor, users => users.UpdateRolesAsync(target, new IdentityUserUpdateRolesDto { RoleNames = ["viewer"] }, CancellationToken.None));
                    return null;
                }
                catch (Exception ex)
                {
                    return ex;
                }
            });

            var attempts = new[] { DemoteAsync(first, second), DemoteAsync(second, first) };
            start.Set();
            var failures = (await Task.WhenAll(attempts)).OfType<Exception>().ToList();

            var admins = (await RolesAsync(tenantId, first)).Concat(await RolesAsync(tenantId, second)).Count(r => r == StaticRoleNames.Admin);
            admins.ShouldBe(1, $"round {round}: exactly one demotion may pass");
            failures.Count.ShouldBe(1);
        }
    }

    [Fact]
    public async Task RoleGrant_MoreThanOwnPermissions_Rejected()
    {
        var tenantId = await host.CreateTenantAsync();
        await CreateUserAdminsRoleAsync(tenantId);
        var actor = await CreateAsync(tenantId, "tess", roles: ["user-admins"]);
        var target = await CreateAsync(tenantId, "uma", roles: []);

        var toAdmin = await Should.ThrowAsync<InputValidationException>(() => host.AsUserAsync(tenantId, actor, ["user-admins"], sp =>
            Users(sp).UpdateRolesAsync(target, new IdentityUserUpdateRolesDto { RoleNames = [StaticRoleNames.Admin] }, CancellationToken.None)));
        var createManager = await Should.ThrowAsync<InputValidationException>(() => host.AsUserAsync(tenantId, actor, ["user-admins"], sp =>
            Users(sp).CreateAsync(new IdentityUserCreateDto { UserName = "vic", Email = "vic@fleet.test", Password = Password, RoleNames = ["manager"] }, CancellationToken.None)));
        await host.AsUserAsync(tenantId, actor, ["user-admins"], sp =>
            Users(sp).UpdateRolesAsync(target, new IdentityUserUpdateRolesDto { RoleNames = ["user-admins"] }, CancellationToken.None));

        toAdmin.Errors.Keys.ShouldBe(["roleNames"]);
        createManager.Errors.Keys.ShouldBe(["roleNames"]);
        (await RolesAsync(tenantId, target)).ShouldBe(["user-admins"]);
        (await CountUsersAsync(tenantId)).ShouldBe(2);
    }

    [Fact]
    public async Task UserWithMorePermissions_ChangedByLesserManager_Rejected()
    {
        var tenantId = await host.CreateTenantAsync();
        await CreateUserAdminsRoleAsync(tenantId);
        var actor = await CreateAsync(tenantId, "otto", roles: ["user-admins"]);
        var admin = await CreateAsync(tenantId, "pia", roles: [StaticRoleNames.Admin]);
        await CreateAsync(tenantId, "pia2", roles: [StaticRoleNames.Admin]);
        var before = await ReadAsync(tenantId, admin);
        Task AsActorAsync(Func<IIdentityUserAppService, Task> action) => host.AsUserAsync(tenantId, actor, ["user-admins"], sp => action(Users(sp)));

        // A new address followed by a reset link would hand the admin's account to the acting user.
        var takeOver = await Should.ThrowAsync<BusinessException>(() => AsActorAsync(users => users.UpdateAsync(
            admin,
            new IdentityUserUpdateDto { UserName = "pia", Email = "otto+pia@fleet.test", ConcurrencyStamp = before.ConcurrencyStamp! },
            CancellationToken.None)));
        var demote = await Should.ThrowAsync<BusinessException>(() => AsActorAsync(users => users.UpdateRolesAsync(
            admin, new IdentityUserUpdateRolesDto { RoleNames = [] }, CancellationToken.None)));
        var lockAdmin = await Should.ThrowAsync<BusinessException>(() => AsActorAsync(users => users.LockAsync(admin, new IdentityUserLockDto(), CancellationToken.None)));
        var delete = await Should.ThrowAsync<BusinessException>(() => AsActorAsync(users => users.DeleteAsync(admin, CancellationToken.None)));
        await host.AsAdminAsync(tenantId, sp => Users(sp).LockAsync(admin, new IdentityUserLockDto(), CancellationToken.None));
        var unlock = await Should.ThrowAsync<BusinessException>(() => AsActorAsync(users => users.UnlockAsync(admin, CancellationToken.None)));

        takeOver.Code.ShouldBe(ErrorCodes.UserHasMorePermissions);
        unlock.Code.ShouldBe(ErrorCodes.UserHasMorePermissions);
        demote.Code.ShouldBe(ErrorCodes.UserHasMorePermissions);
        lockAdmin.Code.ShouldBe(ErrorCodes.UserHasMorePermissions);
        delete.Code.ShouldBe(ErrorCodes.UserHasMorePermissions);
        var after = await ReadAsync(tenantId, admin);
        after.Email.ShouldBe("pia@fleet.test");
        after.LockoutEnd.ShouldNotBeNull("only the admin's own lock, which the lesser manager could not lift");
        after.LockoutEnd.Value.Year.ShouldBe(DateTimeOffset.MaxValue.Year);
        (await RolesAsync(tenantId, admin)).ShouldBe([StaticRoleNames.Admin]);

        // A user whose permissions the acting user holds stays manageable.
        var peer = await CreateAsync(tenantId, "quentin", roles: ["user-admins"]);
        await AsActorAsync(users => users.LockAsync(peer, new IdentityUserLockDto(), CancellationToken.None));
        (await ReadAsync(tenantId, peer)).LockoutEnd.ShouldNotBeNull();
    }

    [Fact]
    public async Task Create_WithoutPermission_Denied()
    {
        var tenantId = await host.CreateTenantAsync();

        await Should.ThrowAsync<AutoTracker.Authorization.AuthorizationException>(() => host.AsUserAsync(tenantId, Guid.NewGuid(), ["manager"], sp =>
            Users(sp).CreateAsync(new IdentityUserCreateDto { UserName = "walt", Email = "walt@fleet.test", Password = Password }, CancellationToken.None)));

        (await CountUsersAsync(tenantId)).ShouldBe(0);
    }

    [Fact]
    public async Task Delete_RemovesUserAndOwnGrants()
    {
        var tenantId = await host.CreateTenantAsync();
        var userId = await CreateAsync(tenantId, "xena", roles: ["viewer"]);
        await host.InTenantAsync(tenantId, async sp =>
        {
            await sp.GetRequiredService<PermissionGrantStore>().ReplaceAsync(
                PermissionProviderNames.User, userId.ToString(), new HashSet<string> { IdentityPermissions.Users.Default }, CancellationToken.None);
            await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        });

        await host.AsAdminAsync(tenantId, sp => Users(sp).DeleteAsync(userId, CancellationToken.None));

        (await CountUsersAsync(tenantId)).ShouldBe(0);
        var grants = await host.InTenantAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().PermissionGrants.CountAsync(g => g.ProviderKey == userId.ToString()));
        grants.ShouldBe(0);
    }

    [Fact]
    public async Task Invitation_SetPasswordOnce_ThenLinkDead()
    {
        var tenantId = await host.CreateTenantAsync();
        var created = await host.AsAdminAsync(tenantId, sp => Users(sp).CreateAsync(
            new IdentityUserCreateDto { UserName = "yara", Email = "yara@fleet.test" }, CancellationToken.None));
        created.HasPassword.ShouldBeFalse();
        var mail = ReadMailTo("yara@fleet.test");
        var link = ParseLink(mail);
        link.Kind.ShouldBe(AccountLinkKinds.Invitation);
        link.UserId.ShouldBe(created.Id);

        var weak = await Should.ThrowAsync<InputValidationException>(() => Links(tenantId, s => s.SetPasswordAsync(link.UserId, link.Kind, link.Token, "short")));
        var first = await Links(tenantId, s => s.SetPasswordAsync(link.UserId, link.Kind, link.Token, Password));
        var again = await Links(tenantId, s => s.SetPasswordAsync(link.UserId, link.Kind, link.Token, Password + "x"));

        weak.Errors.Keys.ShouldBe(["password"]);
        first.ShouldBe(SetPasswordOutcome.Succeeded);
        again.ShouldBe(SetPasswordOutcome.InvalidLink);
        var user = await host.InTenantAsync(tenantId, async sp =>
        {
            var manager = sp.GetRequiredService<UserManager<AppUser>>();
            var stored = await manager.FindByIdAsync(created.Id.ToString());
            return (Valid: await manager.CheckPasswordAsync(stored!, Password), stored!.EmailConfirmed);
        });
        user.Valid.ShouldBeTrue();
        user.EmailConfirmed.ShouldBeTrue();
    }

    [Fact]
    public async Task ResetLink_ExpiredTamperedOrWrongKind_Invalid()
    {
        var tenantId = await host.CreateTenantAsync();
        var userId = await CreateAsync(tenantId, "zoe", roles: []);
        await host.AsAdminAsync(tenantId, sp => Users(sp).SendPasswordResetAsync(userId, CancellationToken.None));
        var link = ParseLink(ReadMailTo($"zoe@fleet.test"));
        link.Kind.ShouldBe(AccountLinkKinds.PasswordReset);
        var tampered = link.Token[..^2] + (link.Token[^2] == 'A' ? "B" : "A") + link.Token[^1];

        (await Links(tenantId, s => s.SetPasswordAsync(userId, link.Kind, tampered, Password))).ShouldBe(SetPasswordOutcome.InvalidLink);
        (await Links(tenantId, s => s.SetPasswordAsync(userId, AccountLinkKinds.Invitation, link.Token, Password))).ShouldBe(SetPasswordOutcome.InvalidLink);
        (await Links(tenantId, s => s.SetPasswordAsync(Guid.NewGuid(), link.Kind, link.Token, Password))).ShouldBe(SetPasswordOutcome.InvalidLink);
        (await Links(await host.CreateTenantAsync(), s => s.SetPasswordAsync(userId, link.Kind, link.Token, Password))).ShouldBe(SetPasswordOutcome.InvalidLink);

        (await Links(tenantId, s => s.IsValidAsync(userId, link.Kind, link.Token))).ShouldBeTrue("the failed attempts leave the link usable");

        // The clock only moves forward, which the other tests of the class tolerate.
        host.Clock.Advance(TimeSpan.FromMinutes(61));
        (await Links(tenantId, s => s.IsValidAsync(userId, link.Kind, link.Token))).ShouldBeFalse();
        (await Links(tenantId, s => s.SetPasswordAsync(userId, link.Kind, link.Token, Password))).ShouldBe(SetPasswordOutcome.InvalidLink);
    }

    [Fact]
    public async Task SendLink_GoesToStoredAddressOnly_FileMode0600()
    {
        var tenantId = await host.CreateTenantAsync();
        var userId = await CreateAsync(tenantId, "abel", roles: []);

        await host.AsAdminAsync(tenantId, sp => Users(sp).SendPasswordResetAsync(userId, CancellationToken.None));

        var file = Directory.GetFiles(host.MailFolder, "*.eml").Single(f => File.ReadAllText(f).Contains("To: abel@fleet.test\r\n", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static IIdentityUserAppService Users(IServiceProvider services) => services.GetRequiredService<IIdentityUserAppService>();

    private Task<T> Links<T>(Guid tenantId, Func<AccountLinkService, Task<T>> action) =>
        host.InTenantAsync(tenantId, sp => action(sp.GetRequiredService<AccountLinkService>()));

    private Task AsSelfAsync(Guid tenantId, Guid userId, Func<IIdentityUserAppService, Task> action) =>
        host.AsUserAsync(tenantId, userId, [StaticRoleNames.Admin], sp => action(Users(sp)));

    private async Task<Guid> CreateAsync(Guid tenantId, string userName, IReadOnlyList<string> roles)
    {
        var created = await host.AsAdminAsync(tenantId, sp => Users(sp).CreateAsync(
            new IdentityUserCreateDto { UserName = userName, Email = $"{userName}@fleet.test", Password = Password, RoleNames = [.. roles] },
            CancellationToken.None));
        return created.Id;
    }

    /// <summary>Creates the role <c>user-admins</c>, which may view, create, edit and delete users and holds no other permission.</summary>
    private Task CreateUserAdminsRoleAsync(Guid tenantId) => host.InTenantAsync(tenantId, async sp =>
    {
        (await sp.GetRequiredService<RoleManager<AppRole>>().CreateAsync(new AppRole(Guid.NewGuid(), tenantId, "user-admins"))).Succeeded.ShouldBeTrue();
        var grants = sp.GetRequiredService<PermissionGrantStore>();
        await grants.ReplaceAsync(
            PermissionProviderNames.Role,
            "user-admins",
            new HashSet<string> { IdentityPermissions.Users.Default, IdentityPermissions.Users.Create, IdentityPermissions.Users.Edit, IdentityPermissions.Users.Delete },
            CancellationToken.None);
        await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
    });

    private Task<int> CountUsersAsync(Guid tenantId) =>
        host.InTenantAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Users.CountAsync());

    private Task<AppUser> ReadAsync(Guid tenantId, Guid userId) =>
        host.InTenantAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == userId));

    private Task<List<string>> RolesAsync(Guid tenantId, Guid userId) =>
        host.InTenantAsync(tenantId, async sp => (await sp.GetRequiredService<IUserRoleReader>().GetRoleNamesAsync([userId], CancellationToken.None)).GetValueOrDefault(userId)?.ToList() ?? []);

    private Task SetUserLimitAsync(Guid tenantId, int maxUsers) => host.InTenantAsync(null, async sp =>
    {
        var db = sp.GetRequiredService<AutoTrackerDbContext>();
        var tenant = await db.Tenants.SingleAsync(t => t.Id == tenantId);
        tenant.SetLimits(null, maxUsers);
        await db.SaveChangesAsync();
    });

    private string ReadMailTo(string address) =>
        Directory.GetFiles(host.MailFolder, "*.eml").Select(File.ReadAllText).Single(m => m.Contains($"To: {address}\r\n", StringComparison.Ordinal));

    private static (Guid UserId, string Kind, string Token) ParseLink(string mail)
    {
        var match = LinkPattern().Match(mail);
        match.Success.ShouldBeTrue(mail);
        return (Guid.ParseExact(match.Groups["user"].Value, "N"), match.Groups["kind"].Value, Uri.UnescapeDataString(match.Groups["token"].Value));
    }

    [GeneratedRegex(@"/Account/SetPassword\?tenantId=[0-9a-f]*&userId=(?<user>[0-9a-f]{32})&kind=(?<kind>\w+)&token=(?<token>[^\s]+)")]
    private static partial Regex LinkPattern();
}
