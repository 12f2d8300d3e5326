using System.Net;
using System.Text.Json;
using AutoTracker.Domain;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.Identity;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.Identity;

/// <summary>
/// The users API on a real server: CRUD, field errors that leave the database unchanged, ignored body fields,
/// self-protection, other tenants' ids, and changes that reach the changed user's session on its next request.
/// </summary>
public sealed class UserManagementApiTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    private const string Password = AutoTrackerWebFactory.AdminPassword;

    [Fact]
    public async Task Crud_CreateReadUpdateDelete()
    {
        var (tenantId, admin) = await CreateTenantAsync("ucrud");

        using var created = await admin.PostAsync("/api/identity/users", new { userName = "casey", email = "casey@fleet.test", phoneNumber = "+1 555 0100", password = Password, roleNames = new[] { "driver" } });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var user = await ApiClient.ReadAsync<IdentityUserDto>(created);
        created.Headers.Location!.OriginalString.ShouldBe($"/api/identity/users/{user.Id}");

        var read = await ApiClient.ReadAsync<IdentityUserDto>(await admin.GetAsync($"/api/identity/users/{user.Id}"));
        read.UserName.ShouldBe("casey");
        read.PhoneNumber.ShouldBe("+1 555 0100");
        read.RoleNames.ShouldBe(["driver"]);

        var list = await ApiClient.ReadJsonAsync(await admin.GetAsync("/api/identity/users?filter=cas&sort=UserName"));
        list.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("userName").GetString()).ShouldBe(["casey"]);

        using var updated = await admin.PutAsync($"/api/identity/users/{user.Id}", new
        {
            userName = "casey.b",
            email = "casey.b@fleet.test",
            isActive = true,
            lockoutEnabled = true,
            roleNames = new[] { "viewer", "technician" },
            concurrencyStamp = read.ConcurrencyStamp,
        });
        updated.StatusCode.ShouldBe(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync());
        var roles = await ApiClient.ReadAsync<string[]>(await admin.GetAsync($"/api/identity/users/{user.Id}/roles"));
        roles.ShouldBe(["technician", "viewer"]);

        using var stale = await admin.PutAsync($"/api/identity/users/{user.Id}", new { userName = "casey.c", email = "casey.b@fleet.test", concurrencyStamp = read.ConcurrencyStamp });
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        using var rolesPut = await admin.PutAsync($"/api/identity/users/{user.Id}/roles", new { roleNames = new[] { "manager" } });
        rolesPut.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ApiClient.ReadAsync<string[]>(await admin.GetAsync($"/api/identity/users/{user.Id}/roles"))).ShouldBe(["manager"]);

        using var deleted = await admin.DeleteAsync($"/api/identity/users/{user.Id}");
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var gone = await admin.GetAsync($"/api/identity/users/{user.Id}");
        gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        CountUsers(tenantId).ShouldBe(1);
    }

    [Fact]
    public async Task Create_InvalidFields_FieldErrorsAndNothingStored()
    {
        var (tenantId, admin) = await CreateTenantAsync("uinv");
        await admin.PostAsync("/api/identity/users", new { userName = "dale", email = "dale@fleet.test", password = Password });
        var before = CountUsers(tenantId);

        var cases = new (object Body, string Field)[]
        {
            (new { userName = "eve", email = "eve@fleet.test", password = Password, roleNames = new[] { "nonexistent" } }, "roleNames"),
            (new { userName = "DALE", email = "eve@fleet.test", password = Password }, "userName"),
            (new { userName = "eve", email = "DALE@fleet.test", password = Password }, "email"),
            (new { userName = "eve", email = "not-an-address", password = Password }, "email"),
            (new { userName = "eve", email = "eve@fleet.test", password = "tooshort" }, "password"),
            (new { userName = "eve", email = "eve@fleet.test", password = "1qaz2wsx3edc" }, "password"),
            (new { userName = "bad name!", email = "eve@fleet.test", password = Password }, "userName"),
            (new { userName = "", email = "eve@fleet.test", password = Password }, "userName"),
        };
        foreach (var (body, field) in cases)
        {
            using var response = await admin.PostAsync("/api/identity/users", body);
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
            var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
            errors.TryGetProperty(field, out _).ShouldBeTrue($"expected an error on {field}: {text}");
        }

        CountUsers(tenantId).ShouldBe(before);
    }

    [Fact]
    public async Task Create_ProtectedFieldsInBody_Ignored()
    {
        var (tenantId, admin) = await CreateTenantAsync("umass");
        var (otherTenant, _) = await CreateTenantAsync("umasso");
        var chosenId = Guid.NewGuid();

        using var response = await admin.PostAsync("/api/identity/users", new
        {
            id = chosenId,
            tenantId = otherTenant,
            userName = "fay",
            email = "fay@fleet.test",
            password = Password,
            passwordHash = "AQAAAAIAAYagAAAAEFake",
            securityStamp = "FIXEDSTAMP",
            concurrencyStamp = "fixed",
            emailConfirmed = true,
            accessFailedCount = 99,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = await ApiClient.ReadAsync<IdentityUserDto>(response);

        created.Id.ShouldNotBe(chosenId);
        created.EmailConfirmed.ShouldBeFalse();
        var stored = ReadUser(created.Id);
        stored.TenantId.ShouldBe(tenantId);
        stored.SecurityStamp.ShouldNotBe("FIXEDSTAMP");
        stored.ConcurrencyStamp.ShouldNotBe("fixed");
        stored.AccessFailedCount.ShouldBe(0);
        stored.PasswordHash.ShouldNotBe("AQAAAAIAAYagAAAAEFake");
        await ApiClient.SignInAsync(factory, TenantName(tenantId), "fay", Password);
    }

    [Fact]
    public async Task OtherTenantsUser_NotFoundAndUnchanged()
    {
        var (_, adminA) = await CreateTenantAsync("uisoa");
        var (tenantB, _) = await CreateTenantAsync("uisob");
        var userOfB = await factory.CreateUserAsync(tenantB, "gus", ["driver"]);
        var before = ReadUser(userOfB);

        (await adminA.GetAsync($"/api/identity/users/{userOfB}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await adminA.PostAsync($"/api/identity/users/{userOfB}/lock", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await adminA.PutAsync($"/api/identity/users/{userOfB}/roles", new { roleNames = Array.Empty<string>() })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await adminA.DeleteAsync($"/api/identity/users/{userOfB}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await adminA.PostAsync($"/api/identity/users/{userOfB}/send-password-reset", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var after = ReadUser(userOfB);
        after.SecurityStamp.ShouldBe(before.SecurityStamp);
        after.LockoutEnd.ShouldBeNull();
    }

    [Fact]
    public async Task SelfProtection_DeleteLockDeactivateDemote_Rejected()
    {
        var (tenantId, admin) = await CreateTenantAsync("uself");
        var adminId = UserIdOf(tenantId, "admin");
        var stamp = ReadUser(adminId).ConcurrencyStamp;

        using var delete = await admin.DeleteAsync($"/api/identity/users/{adminId}");
        using var lockSelf = await admin.PostAsync($"/api/identity/users/{adminId}/lock", new { });
        using var deactivate = await admin.PutAsync($"/api/identity/users/{adminId}", new { userName = "admin", email = ReadUser(adminId).Email, isActive = false, concurrencyStamp = stamp });
        using var demote = await admin.PutAsync($"/api/identity/users/{adminId}/roles", new { roleNames = new[] { "viewer" } });

        foreach (var response in new[] { delete, lockSelf, deactivate, demote })
        {
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
            JsonDocument.Parse(text).RootElement.GetProperty("code").GetString().ShouldBe(ErrorCodes.UserSelfChangeForbidden);
        }

        JsonDocument.Parse(await deactivate.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("isActive", out _).ShouldBeTrue();
        JsonDocument.Parse(await demote.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("roleNames", out _).ShouldBeTrue();
        ReadUser(adminId).ConcurrencyStamp.ShouldBe(stamp);
        (await admin.GetAsync("/api/identity/users")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Deactivate_EndsSessionOnNextRequest()
    {
        var (tenantId, admin) = await CreateTenantAsync("udeact");
        var userId = await factory.CreateUserAsync(tenantId, "hugo", ["viewer"]);
        var session = await ApiClient.SignInAsync(factory, TenantName(tenantId), "hugo", Password);
        (await session.GetAsync("/api/app/vehicles")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var response = await admin.PutAsync($"/api/identity/users/{userId}", new
        {
            userName = "hugo",
            email = ReadUser(userId).Email,
            isActive = false,
            lockoutEnabled = true,
            concurrencyStamp = ReadUser(userId).ConcurrencyStamp,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        (await session.GetAsync("/api/app/vehicles")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.CreateBrowserClient().GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var signIn = await AutoTrackerWebFactory.PostLoginAsync(factory.CreateBrowserClient(), TenantName(tenantId), "hugo", Password);
        signIn.StatusCode.ShouldBe(HttpStatusCode.OK, "a deactivated user cannot sign in again");
    }

    [Fact]
    public async Task Lock_EndsSessionOnNextRequest_UnlockAllowsSignIn()
    {
        var (tenantId, admin) = await CreateTenantAsync("ulock");
        var userId = await factory.CreateUserAsync(tenantId, "iris", ["viewer"]);
        var session = await ApiClient.SignInAsync(factory, TenantName(tenantId), "iris", Password);
        (await session.GetAsync("/api/app/vehicles")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await admin.PostAsync($"/api/identity/users/{userId}/lock", new { lockoutEnd = DateTimeOffset.UtcNow.AddHours(2) })).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await session.GetAsync("/api/app/vehicles")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await AutoTrackerWebFactory.PostLoginAsync(factory.CreateBrowserClient(), TenantName(tenantId), "iris", Password)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await admin.PostAsync($"/api/identity/users/{userId}/unlock", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var again = await ApiClient.SignInAsync(factory, TenantName(tenantId), "iris", Password);
        (await again.GetAsync("/api/app/vehicles")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RoleRemoval_EndsSessionOnNextRequest()
    {
        var (tenantId, admin) = await CreateTenantAsync("urole");
        var userId = await factory.CreateUserAsync(tenantId, "jane", ["manager"]);
        var session = await ApiClient.SignInAsync(factory, TenantName(tenantId), "jane", Password);
        (await session.GetAsync("/api/identity/users")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var stampBefore = ReadUser(userId).SecurityStamp;

        (await admin.PutAsync($"/api/identity/users/{userId}/roles", new { roleNames = new[] { "viewer" } })).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The new security stamp ends the session; signed in again, the user has the new roles only.
        ReadUser(userId).SecurityStamp.ShouldNotBe(stampBefore);
        (await session.GetAsync("/api/identity/users")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var again = await ApiClient.SignInAsync(factory, TenantName(tenantId), "jane", Password);
        (await again.GetAsync("/api/identity/users")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await again.GetAsync("/api/app/vehicles")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UserLimit_CreateOverLimit_Rejected()
    {
        var (tenantId, admin) = await CreateTenantAsync("ulimit");
        factory.InScope(null, sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            db.Tenants.Single(t => t.Id == tenantId).SetLimits(null, 2);
            return db.SaveChanges();
        });

        (await admin.PostAsync("/api/identity/users", new { userName = "kurt", email = "kurt@fleet.test", password = Password })).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var over = await admin.PostAsync("/api/identity/users", new { userName = "lara", email = "lara@fleet.test", password = Password });

        var text = await over.Content.ReadAsStringAsync();
        over.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        JsonDocument.Parse(text).RootElement.GetProperty("code").GetString().ShouldBe(ErrorCodes.UserLimitReached);
        CountUsers(tenantId).ShouldBe(2);
    }

    [Fact]
    public async Task List_BadSortOrPageSize_FieldErrors()
    {
        var (_, admin) = await CreateTenantAsync("ulist");

        (await admin.GetAsync("/api/identity/users?sort=PasswordHash")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.GetAsync("/api/identity/users?take=100000")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.GetAsync("/api/identity/users?take=200")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<(Guid TenantId, ApiClient Admin)> CreateTenantAsync(string prefix)
    {
        var name = $"{prefix}{Guid.NewGuid():N}"[..16];
        var tenantId = await factory.CreateTenantWithAdminAsync(name);
        return (tenantId, await ApiClient.SignInAsync(factory, name));
    }

    private string TenantName(Guid tenantId) => factory.InScope(null, sp => sp.GetRequiredService<AutoTrackerDbContext>().Tenants.Single(t => t.Id == tenantId).Name);

    private int CountUsers(Guid tenantId) => factory.InScope(null, sp => sp.GetRequiredService<AutoTrackerDbContext>().Users.IgnoreQueryFilters().Count(u => u.TenantId == tenantId));

    private AppUser ReadUser(Guid userId) => factory.InScope(null, sp => sp.GetRequiredService<AutoTrackerDbContext>().Users.IgnoreQueryFilters().AsNoTracking().Single(u => u.Id == userId));

    private Guid UserIdOf(Guid tenantId, string userName) => factory.InScope(null, sp =>
        sp.GetRequiredService<AutoTrackerDbContext>().Users.IgnoreQueryFilters().Single(u => u.TenantId == tenantId && u.UserName == userName).Id);
}
