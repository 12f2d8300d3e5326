using System.Net;
using System.Text.Json;
using AutoTracker.Application;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.TenantManagement;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.TenantManagement;

/// <summary>Tenant administration through <c>/api/tenant-management/tenants</c>, as the host admin and as others.</summary>
public sealed class TenantManagementApiTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    private const string Url = "/api/tenant-management/tenants";
    private const string TenantPassword = "tenant-admin-passphrase-77";

    [Fact]
    public async Task Create_ValidTenant_AdminSignsInToEmptyFleet()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var name = NewName();

        using var created = await host.PostAsync(Url, new { name, adminEmail = $"boss@{name}.test", adminPassword = TenantPassword });

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var tenantAdmin = await ApiClient.SignInAsync(factory, name, "admin", TenantPassword);
        using var list = await tenantAdmin.GetAsync("/api/app/vehicles");
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ApiClient.ReadJsonAsync(list)).GetProperty("totalCount").GetInt32().ShouldBe(0);
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("-leading")]
    [InlineData("trailing-")]
    [InlineData("dot.name")]
    [InlineData("ümlaut")]
    [InlineData("")]
    public async Task Create_NameNotDnsLabel_NamesField(string name)
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var before = await CountTenantsAsync();

        using var response = await host.PostAsync(Url, new { name, adminEmail = "a@b.test", adminPassword = TenantPassword });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiClient.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("name", out _).ShouldBeTrue();
        (await CountTenantsAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("www")]
    [InlineData("API")]
    [InlineData("xn--dmo-rna")]
    [InlineData("ab--c")]
    public async Task Create_ReservedName_IsRejected(string name)
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var before = await CountTenantsAsync();

        using var response = await host.PostAsync(Url, new { name, adminEmail = "a@b.test", adminPassword = TenantPassword });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await ApiClient.ReadJsonAsync(response);
        problem.GetProperty("code").GetString().ShouldBe("AutoTracker:TenantManagement:TenantNameReserved");
        problem.GetProperty("errors").TryGetProperty("name", out _).ShouldBeTrue();
        (await CountTenantsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task SignIn_LongSLookAlike_DoesNotNameTenant()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var name = $"s{Guid.NewGuid():N}"[..20];
        (await host.PostAsync(Url, new { name, adminEmail = $"boss@{name}.test", adminPassword = TenantPassword })).StatusCode.ShouldBe(HttpStatusCode.Created);

        // U+017F LATIN SMALL LETTER LONG S upper-cases to S under full Unicode case mapping.
        using var client = factory.CreateBrowserClient();
        using var response = await AutoTrackerWebFactory.PostLoginAsync(client, "\u017F" + name[1..], "admin", TenantPassword);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, "the look-alike name must not sign in to the tenant");
    }

    [Fact]
    public async Task Create_ExistingNameOtherCase_IsRejected()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var before = await CountTenantsAsync();

        using var response = await host.PostAsync(Url, new { name = "DEMO", adminEmail = "a@b.test", adminPassword = TenantPassword });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await ApiClient.ReadJsonAsync(response);
        problem.GetProperty("code").GetString().ShouldBe("AutoTracker:TenantManagement:TenantNameDuplicate");
        problem.GetProperty("errors").TryGetProperty("name", out _).ShouldBeTrue();
        (await CountTenantsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Create_AdminPasswordRejected_LeavesNothing()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var name = NewName();
        var before = await CountRowsAsync();

        // The tenant and its admin role are saved before the password check fails, inside one transaction.
        using var response = await host.PostAsync(Url, new { name, adminEmail = $"boss@{name}.test", adminPassword = "password1234" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiClient.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("adminPassword", out _).ShouldBeTrue();
        (await CountRowsAsync()).ShouldBe(before);
        (await TenantExistsAsync(name)).ShouldBeFalse();
    }

    [Fact]
    public async Task TenantUser_IsForbidden()
    {
        var tenantUser = await ApiClient.SignInAsync(factory, "demo");
        var before = await CountTenantsAsync();

        using var list = await tenantUser.GetAsync(Url);
        using var create = await tenantUser.PostAsync(Url, new { name = NewName(), adminEmail = "a@b.test", adminPassword = TenantPassword });

        list.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        create.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await CountTenantsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Deactivate_EndsSessionsUntilActivated()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var (name, id) = await CreateTenantAsync(host);
        var tenantAdmin = await ApiClient.SignInAsync(factory, name, "admin", TenantPassword);

        (await host.PostAsync($"{Url}/{id}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await tenantAdmin.GetAsync("/api/app/vehicles")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var client = factory.CreateBrowserClient();
        (await AutoTrackerWebFactory.PostLoginAsync(client, name, "admin", TenantPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await host.PostAsync($"{Url}/{id}/activate", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AutoTrackerWebFactory.PostLoginAsync(client, name, "admin", TenantPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Delete_NeedsNameAndKeepsItTaken()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var (name, id) = await CreateTenantAsync(host);

        using var unconfirmed = await host.DeleteAsync($"{Url}/{id}?confirmName=someone-else");
        unconfirmed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await ApiClient.ReadJsonAsync(unconfirmed);
        problem.GetProperty("errors").TryGetProperty("confirmName", out _).ShouldBeTrue();
        problem.GetProperty("title").GetString().ShouldBe($"To delete the tenant, repeat its name '{name}' as confirmName.");
        (await host.GetAsync($"{Url}/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await host.DeleteAsync($"{Url}/{id}?confirmName={name.ToUpperInvariant()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await host.GetAsync($"{Url}/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var client = factory.CreateBrowserClient();
        (await AutoTrackerWebFactory.PostLoginAsync(client, name, "admin", TenantPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var again = await host.PostAsync(Url, new { name, adminEmail = "a@b.test", adminPassword = TenantPassword });
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task VehicleLimit_RejectsVehicleOverLimit()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var (name, id) = await CreateTenantAsync(host, maxVehicles: 1);
        var tenantAdmin = await ApiClient.SignInAsync(factory, name, "admin", TenantPassword);

        (await tenantAdmin.PostAsync("/api/app/vehicles", new { make = "Volvo", model = "FH" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var second = await tenantAdmin.PostAsync("/api/app/vehicles", new { make = "Volvo", model = "FM" });

        second.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiClient.ReadJsonAsync(second)).GetProperty("code").GetString().ShouldBe("AutoTracker:TenantManagement:VehicleLimitReached");
        (await CountVehiclesAsync(id)).ShouldBe(1);
    }

    [Fact]
    public async Task Update_StaleStamp_Conflicts()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var (name, id) = await CreateTenantAsync(host);
        var tenant = await ApiClient.ReadJsonAsync(await host.GetAsync($"{Url}/{id}"));
        var stamp = tenant.GetProperty("concurrencyStamp").GetString();

        (await host.PutAsync($"{Url}/{id}", new { name, maxVehicles = 10, concurrencyStamp = stamp })).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var stale = await host.PutAsync($"{Url}/{id}", new { name, maxVehicles = 20, concurrencyStamp = stamp });

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ApiClient.ReadJsonAsync(await host.GetAsync($"{Url}/{id}"))).GetProperty("maxVehicles").GetInt32().ShouldBe(10);
    }

    [Fact]
    public async Task List_SearchByNamePrefix_IgnoresCase()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var (name, _) = await CreateTenantAsync(host);

        using var response = await host.GetAsync($"{Url}?search={name[..10].ToUpperInvariant()}");

        var items = (await ApiClient.ReadJsonAsync(response)).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        items.ShouldBe([name]);
    }

    [Fact]
    public async Task Rename_ReservesFormerNameForTenant()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var (formerName, id) = await CreateTenantAsync(host);
        var (otherName, otherId) = await CreateTenantAsync(host);
        var newName = NewName();

        using var renamed = await RenameAsync(host, id, newName);

        renamed.StatusCode.ShouldBe(HttpStatusCode.OK, await renamed.Content.ReadAsStringAsync());
        var formerNames = await GetFormerNamesAsync(host, id);
        formerNames.Select(n => n.Name).ShouldBe([formerName]);
        formerNames[0].ReservationTime.ShouldBe(DateTime.UtcNow, TimeSpan.FromMinutes(1));
        formerNames[0].ReservationTime.Kind.ShouldBe(DateTimeKind.Utc);

        var before = await SnapshotAsync();
        using var create = await host.PostAsync(Url, new { name = formerName, adminEmail = "a@b.test", adminPassword = TenantPassword });
        using var rename = await RenameAsync(host, otherId, formerName.ToUpperInvariant());

        var expected = $"The tenant name '{formerName.ToUpperInvariant()}' is a former name of tenant '{newName}', which keeps it reserved. "
            + "Choose another name, or release the name from that tenant's former names first.";
        create.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await ShouldNameFieldAsync(create, "AutoTracker:TenantManagement:TenantNameReserved", expected.Replace(formerName.ToUpperInvariant(), formerName, StringComparison.Ordinal));
        rename.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await ShouldNameFieldAsync(rename, "AutoTracker:TenantManagement:TenantNameReserved", expected);
        (await SnapshotAsync()).ShouldBe(before);
        (await ApiClient.ReadJsonAsync(await host.GetAsync($"{Url}/{otherId}"))).GetProperty("name").GetString().ShouldBe(otherName);
    }

    [Fact]
    public async Task Rename_BackToFormerName_RemovesReservation()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var (firstName, id) = await CreateTenantAsync(host);
        var secondName = NewName();
        (await RenameAsync(host, id, secondName)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var back = await RenameAsync(host, id, firstName.ToUpperInvariant());

        back.StatusCode.ShouldBe(HttpStatusCode.OK, await back.Content.ReadAsStringAsync());
        (await ApiClient.ReadJsonAsync(back)).GetProperty("name").GetString().ShouldBe(firstName.ToUpperInvariant());
        (await GetFormerNamesAsync(host, id)).Select(n => n.Name).ShouldBe([secondName]);
        (await ReservedNamesAsync()).ShouldNotContain(r => r.StartsWith(firstName.ToUpperInvariant() + " ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rename_CaseOnly_ReservesNothing()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var (name, id) = await CreateTenantAsync(host);

        using var renamed = await RenameAsync(host, id, name.ToUpperInvariant());

        renamed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await GetFormerNamesAsync(host, id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Rename_Rejected_ReservesNothing()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var (name, id) = await CreateTenantAsync(host);
        var staleStamp = await StampAsync(host, id);
        (await host.PutAsync($"{Url}/{id}", new { name, maxVehicles = 10, concurrencyStamp = staleStamp })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var before = await SnapshotAsync();

        using var stale = await host.PutAsync($"{Url}/{id}", new { name = NewName(), concurrencyStamp = staleStamp });
        using var toTakenName = await RenameAsync(host, id, "demo");

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        toTakenName.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await ShouldNameFieldAsync(toTakenName, "AutoTracker:TenantManagement:TenantNameDuplicate", "The tenant name 'demo' is already taken.");
        (await SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task ReleaseFormerName_LetsAnotherTenantTakeIt()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var (formerName, id) = await CreateTenantAsync(host);
        var (_, otherId) = await CreateTenantAsync(host);
        (await RenameAsync(host, id, NewName())).StatusCode.ShouldBe(HttpStatusCode.OK);
        var tenantUser = await ApiClient.SignInAsync(factory, "demo");
        var before = await SnapshotAsync();

        using var byTenantUser = await tenantUser.DeleteAsync($"{Url}/{id}/former-names/{formerName}");
        using var underOtherTenant = await host.DeleteAsync($"{Url}/{otherId}/former-names/{formerName}");
        using var unknownName = await host.DeleteAsync($"{Url}/{id}/former-names/{NewName()}");

        byTenantUser.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        underOtherTenant.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknownName.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await SnapshotAsync()).ShouldBe(before);

        using var released = await host.DeleteAsync($"{Url}/{id}/former-names/{formerName.ToUpperInvariant()}");

        released.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await GetFormerNamesAsync(host, id)).ShouldBeEmpty();
        using var create = await host.PostAsync(Url, new { name = formerName, adminEmail = $"boss@{formerName}.test", adminPassword = TenantPassword });
        create.StatusCode.ShouldBe(HttpStatusCode.Created, await create.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Create_NameOfDeletedTenant_SaysDeleted()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var (name, id) = await CreateTenantAsync(host);
        var (_, otherId) = await CreateTenantAsync(host);
        (await host.DeleteAsync($"{Url}/{id}?confirmName={name}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var deletionTime = (await ReadTenantAsync(id)).DeletionTime!.Value;
        var before = await SnapshotAsync();

        using var create = await host.PostAsync(Url, new { name, adminEmail = "a@b.test", adminPassword = TenantPassword });
        using var rename = await RenameAsync(host, otherId, name);

        var expected = $"The tenant name '{name}' belongs to a tenant that was deleted on {deletionTime:yyyy-MM-dd HH:mm} UTC. "
            + "Names of deleted tenants stay reserved, so choose another name.";
        create.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await ShouldNameFieldAsync(create, "AutoTracker:TenantManagement:TenantNameDuplicate", expected);
        rename.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await ShouldNameFieldAsync(rename, "AutoTracker:TenantManagement:TenantNameDuplicate", expected);
        (await SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task FormerNameOfDeletedTenant_StaysReserved()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var (formerName, id) = await CreateTenantAsync(host);
        var newName = NewName();
        (await RenameAsync(host, id, newName)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await host.DeleteAsync($"{Url}/{id}?confirmName={newName}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var deletionTime = (await ReadTenantAsync(id)).DeletionTime!.Value;
        var before = await SnapshotAsync();

        using var create = await host.PostAsync(Url, new { name = formerName, adminEmail = "a@b.test", adminPassword = TenantPassword });
        using var list = await host.GetAsync($"{Url}/{id}/former-names");
        using var release = await host.DeleteAsync($"{Url}/{id}/former-names/{formerName}");

        create.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await ShouldNameFieldAsync(
            create,
            "AutoTracker:TenantManagement:TenantNameReserved",
            $"The tenant name '{formerName}' is a former name of tenant '{newName}', which was deleted on {deletionTime:yyyy-MM-dd HH:mm} UTC. "
            + "Names of deleted tenants stay reserved, so choose another name.");
        list.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        release.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task List_IncludeDeleted_ShowsDeletionTime()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);
        var prefix = $"l{Guid.NewGuid():N}"[..12];
        var deletedName = $"{prefix}-deleted";
        var liveName = $"{prefix}-live";
        foreach (var name in new[] { deletedName, liveName })
        {
            (await host.PostAsync(Url, new { name, adminEmail = $"boss@{name}.test", adminPassword = TenantPassword })).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var deletedId = await factory.GetTenantIdAsync(deletedName);
        (await host.DeleteAsync($"{Url}/{deletedId}?confirmName={deletedName}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var withoutDeleted = await ListAsync(host, $"{Url}?search={prefix}");
        var withDeleted = await ListAsync(host, $"{Url}?search={prefix}&includeDeleted=true");

        withoutDeleted.Select(t => t.Name).ShouldBe([liveName]);
        withDeleted.Select(t => t.Name).ShouldBe([deletedName, liveName]);
        withDeleted[0].IsDeleted.ShouldBeTrue();
        withDeleted[0].IsActive.ShouldBeFalse();
        withDeleted[0].DeletionTime.ShouldBe((await ReadTenantAsync(deletedId)).DeletionTime);
        withDeleted[0].DeletionTime!.Value.Kind.ShouldBe(DateTimeKind.Utc);
        withDeleted[1].IsDeleted.ShouldBeFalse();
        withDeleted[1].DeletionTime.ShouldBeNull();
    }

    private static string NewName() => $"t-{Guid.NewGuid():N}"[..20];

    private async Task<(string Name, Guid Id)> CreateTenantAsync(ApiClient host, int? maxVehicles = null)
    {
        var name = NewName();
        using var response = await host.PostAsync(Url, new { name, adminEmail = $"boss@{name}.test", adminPassword = TenantPassword, maxVehicles });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (name, (await ApiClient.ReadJsonAsync(response)).GetProperty("id").GetGuid());
    }

    /// <summary>Renames the tenant with its current concurrency stamp and no limits.</summary>
    private static async Task<HttpResponseMessage> RenameAsync(ApiClient host, Guid id, string name) =>
        await host.PutAsync($"{Url}/{id}", new { name, concurrencyStamp = await StampAsync(host, id) });

    private static async Task<string> StampAsync(ApiClient host, Guid id)
    {
        using var response = await host.GetAsync($"{Url}/{id}");
        return (await ApiClient.ReadJsonAsync(response)).GetProperty("concurrencyStamp").GetString()!;
    }

    private static async Task<List<FormerTenantNameDto>> GetFormerNamesAsync(ApiClient host, Guid id)
    {
        using var response = await host.GetAsync($"{Url}/{id}/former-names");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await ApiClient.ReadAsync<List<FormerTenantNameDto>>(response);
    }

    private static async Task<IReadOnlyList<TenantDto>> ListAsync(ApiClient host, string url)
    {
        using var response = await host.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await ApiClient.ReadAsync<PagedResult<TenantDto>>(response)).Items;
    }

    /// <summary>Checks a 400 problem's error code, and that its title and its error for the field name are the message.</summary>
    private static async Task ShouldNameFieldAsync(HttpResponseMessage response, string code, string message)
    {
        var problem = await ApiClient.ReadJsonAsync(response);
        problem.GetProperty("code").GetString().ShouldBe(code);
        problem.GetProperty("title").GetString().ShouldBe(message);
        problem.GetProperty("errors").GetProperty("name").EnumerateArray().Select(e => e.GetString()).ShouldBe([message]);
    }

    private Task<AutoTracker.TenantManagement.Tenant> ReadTenantAsync(Guid id) =>
        factory.InScopeAsync(null, sp => sp.GetRequiredService<AutoTrackerDbContext>().Tenants.AsNoTracking().SingleAsync(t => t.Id == id));

    /// <summary>Every reserved name as one line of its columns, sorted.</summary>
    private Task<List<string>> ReservedNamesAsync() =>
        factory.InScopeAsync(null, async sp => (await sp.GetRequiredService<AutoTrackerDbContext>().ReservedTenantNames.AsNoTracking().ToListAsync())
            .Select(r => $"{r.NormalizedName} {r.Name} {r.TenantId} {r.ReservationTime:O}")
            .Order(StringComparer.Ordinal)
            .ToList());

    /// <summary>Every tenant and every reserved name, as lines of their columns, for checks that a request changed nothing.</summary>
    private Task<string> SnapshotAsync() =>
        factory.InScopeAsync(null, async sp =>
        {
            var tenants = await sp.GetRequiredService<AutoTrackerDbContext>().Tenants.AsNoTracking().OrderBy(t => t.Id).ToListAsync();
            var lines = tenants.Select(t => $"{t.Id} {t.Name} {t.NormalizedName} {t.IsActive} {t.IsDeleted} {t.MaxVehicles} {t.MaxUsers} {t.ConcurrencyStamp}");
            return string.Join('\n', lines.Concat(await ReservedNamesAsync()));
        });

    private Task<int> CountTenantsAsync() =>
        factory.InScopeAsync(null, sp => sp.GetRequiredService<AutoTrackerDbContext>().Tenants.CountAsync());

    private Task<bool> TenantExistsAsync(string name) =>
        factory.InScopeAsync(null, sp => sp.GetRequiredService<AutoTrackerDbContext>().Tenants.AnyAsync(t => t.NormalizedName == name.ToUpperInvariant()));

    private Task<int> CountVehiclesAsync(Guid tenantId) =>
        factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.CountAsync());

    /// <summary>Counts tenants, roles and users of every tenant, read past the tenant filter.</summary>
    private Task<(int Tenants, int Roles, int Users)> CountRowsAsync() =>
        factory.InScopeAsync(null, async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            return (
                await db.Tenants.CountAsync(),
                await db.Roles.IgnoreQueryFilters().CountAsync(),
                await db.Users.IgnoreQueryFilters().CountAsync());
        });
}
