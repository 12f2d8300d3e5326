using System.Net;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.Identity;
using AutoTracker.Permissions;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.Identity;

/// <summary>
/// Organization units over HTTP with real sign-in cookies. A unit member reaches only the own units' vehicles, on the
/// API and the pages alike. A grant or a unit role takes effect on the member's next request, without a new sign-in.
/// </summary>
public sealed class OrganizationUnitApiTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    private const string Password = "unit-api-tests-passphrase-5";
    private const string UnitEditor = "unit-editor";
    private const string UnitsUrl = "/api/identity/organization-units";

    [Fact]
    public async Task NorthMember_SouthVehicle_NotFoundEverywhere()
    {
        var fleet = await CreateFleetAsync();
        var member = fleet.Member;
        var south = $"/api/app/vehicles/{fleet.SouthVehicle}";
        var random = $"/api/app/vehicles/{Guid.NewGuid()}";
        var before = TenantRecords.Snapshot(factory, fleet.TenantId);

        var list = await ApiClient.ReadJsonAsync(await member.GetAsync("/api/app/vehicles"));
        list.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetGuid()).ShouldBe([fleet.NorthVehicle]);

        var update = new { make = "Ford", model = "Taken", meterUnit = "Miles", concurrencyStamp = fleet.SouthStamp, organizationUnitId = fleet.North };
        var calls = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, "", null),
            (HttpMethod.Put, "", update),
            (HttpMethod.Delete, "", null),
            (HttpMethod.Get, "/fuel-economy", null),
            (HttpMethod.Get, "/meter-readings", null),
            (HttpMethod.Post, "/meter-readings", TenantRecords.MeterReadingBody("2025-06-10", 4000)),
            (HttpMethod.Post, "/fuel-entries", TenantRecords.FuelEntryBody("2025-05-10", 3000)),
            (HttpMethod.Post, "/service-records", TenantRecords.ServiceRecordBody("2025-04-10")),
        };
        foreach (var (method, path, body) in calls)
        {
            var foreign = await ReadAsync(await member.SendAsync(method, south + path, body));
            var unknown = await ReadAsync(await member.SendAsync(method, random + path, body));
            foreign.Status.ShouldBe(HttpStatusCode.NotFound, $"{method} {path}");
            WithoutTraceId(foreign.Body).ShouldBe(WithoutTraceId(unknown.Body), $"{method} {path}");
        }

        foreach (var page in new[] { "/Vehicles/Details/{0}", "/Vehicles/Edit/{0}", "/Vehicles/Delete/{0}", "/Vehicles/{0}/FuelEntries/Create" })
        {
            using var response = await member.Http.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, page, fleet.SouthVehicle));
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, page);
        }

        TenantRecords.Snapshot(factory, fleet.TenantId).ShouldBe(before);
    }

    [Fact]
    public async Task ViewAllUnitsGrant_AppliesNextRequest()
    {
        var fleet = await CreateFleetAsync();
        using (var hidden = await fleet.Member.GetAsync($"/api/app/vehicles/{fleet.SouthVehicle}"))
        {
            hidden.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        using (var grant = await fleet.Admin.PutAsync(
            $"/api/permission-management/permissions?providerName=R&providerKey={UnitEditor}",
            new { permissions = new[] { new { name = AutoTrackerPermissions.Vehicles.ViewAllUnits, isGranted = true } } }))
        {
            grant.StatusCode.ShouldBe(HttpStatusCode.NoContent, await grant.Content.ReadAsStringAsync());
        }

        using var visible = await fleet.Member.GetAsync($"/api/app/vehicles/{fleet.SouthVehicle}");
        visible.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task VehiclePages_UnitFilterAndEditForm()
    {
        var fleet = await CreateFleetAsync();

        var list = await fleet.Admin.Http.GetStringAsync($"/Vehicles?OrganizationUnitId={fleet.North}");
        var edit = await fleet.Admin.Http.GetStringAsync($"/Vehicles/Edit/{fleet.NorthVehicle}");
        var memberList = await fleet.Member.Http.GetStringAsync("/Vehicles");

        list.ShouldContain("North van");
        list.ShouldNotContain("South van");
        System.Text.RegularExpressions.Regex.IsMatch(edit, $"<option[^>]*value=\"{fleet.North}\"[^>]*selected|<option[^>]*selected[^>]*value=\"{fleet.North}\"")
            .ShouldBeTrue("the edit form keeps the vehicle's unit selected");
        memberList.ShouldContain("North van");
        memberList.ShouldNotContain("South van");
    }

    [Fact]
    public async Task UnitRole_GrantsPermissionNextRequest()
    {
        var (tenantId, admin) = await CreateTenantAsync();
        var userName = $"m{Guid.NewGuid():N}"[..16];
        var userId = await factory.CreateUserAsync(tenantId, userName, [], Password);
        var member = await ApiClient.SignInAsync(factory, await TenantNameAsync(tenantId), userName, Password);
        var unit = await CreateUnitAsync(admin, null, "Workshop");
        await PostNoContentAsync(admin, $"{UnitsUrl}/{unit}/members", new { userIds = new[] { userId } });
        using (var before = await member.GetAsync("/api/app/vehicles"))
        {
            before.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        var viewerRole = factory.InScope(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Roles.Where(r => r.Name == StaticRoleNames.Viewer).Select(r => r.Id).Single());
        await PostNoContentAsync(admin, $"{UnitsUrl}/{unit}/roles", new { roleIds = new[] { viewerRole } });

        using (var granted = await member.GetAsync("/api/app/vehicles"))
        {
            granted.StatusCode.ShouldBe(HttpStatusCode.OK, "the unit's viewer role applies on the next request");
        }

        using (var removed = await admin.DeleteAsync($"{UnitsUrl}/{unit}/roles/{viewerRole}"))
        {
            removed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        using var revoked = await member.GetAsync("/api/app/vehicles");
        revoked.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Move_UnderOwnChild_FieldErrorAndUnchanged()
    {
        var (tenantId, admin) = await CreateTenantAsync();
        var north = await CreateUnitAsync(admin, null, "North");
        var depot = await CreateUnitAsync(admin, north, "Depot");
        var stamp = factory.InScope(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().OrganizationUnits.Where(u => u.Id == north).Select(u => u.ConcurrencyStamp).Single());
        var before = TenantRecords.Snapshot(factory, tenantId);

        using var response = await admin.PutAsync($"{UnitsUrl}/{north}/move", new { newParentId = depot, concurrencyStamp = stamp });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiClient.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("newParentId", out _).ShouldBeTrue();
        TenantRecords.Snapshot(factory, tenantId).ShouldBe(before);
    }

    [Fact]
    public async Task Create_BlankName_FieldErrorAndNothingSaved()
    {
        var (tenantId, admin) = await CreateTenantAsync();
        var before = TenantRecords.Snapshot(factory, tenantId);

        using var response = await admin.PostAsync(UnitsUrl, new { displayName = "   " });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiClient.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("displayName", out _).ShouldBeTrue();
        TenantRecords.Snapshot(factory, tenantId).ShouldBe(before);
    }

    private async Task<(Guid TenantId, ApiClient Admin)> CreateTenantAsync()
    {
        var name = $"units{Guid.NewGuid():N}"[..16];
        var tenantId = await factory.CreateTenantWithAdminAsync(name);
        return (tenantId, await ApiClient.SignInAsync(factory, name));
    }

    private Task<string> TenantNameAsync(Guid tenantId) =>
        Task.FromResult(factory.InScope(null, sp => sp.GetRequiredService<AutoTrackerDbContext>().Tenants.Where(t => t.Id == tenantId).Select(t => t.Name).Single()));

    /// <summary>
    /// Creates units North and South with a vehicle each, a role with every vehicle permission except ViewAllUnits,
    /// and a signed-in member of North in that role.
    /// </summary>
    private async Task<Fleet> CreateFleetAsync()
    {
        var (tenantId, admin) = await CreateTenantAsync();
        await factory.InScopeAsync(tenantId, async sp =>
        {
            var result = await sp.GetRequiredService<RoleManager<AppRole>>().CreateAsync(new AppRole(Guid.NewGuid(), tenantId, UnitEditor));
            result.Succeeded.ShouldBeTrue();
            return 0;
        });
        string[] grants =
        [
            AutoTrackerPermissions.Vehicles.Default, AutoTrackerPermissions.Vehicles.Edit, AutoTrackerPermissions.Vehicles.Delete,
            AutoTrackerPermissions.MeterReadings.Default, AutoTrackerPermissions.MeterReadings.Create,
            AutoTrackerPermissions.FuelEntries.Default, AutoTrackerPermissions.FuelEntries.Create,
            AutoTrackerPermissions.ServiceRecords.Default, AutoTrackerPermissions.ServiceRecords.Create,
        ];
        using (var grant = await admin.PutAsync(
            $"/api/permission-management/permissions?providerName=R&providerKey={UnitEditor}",
            new { permissions = grants.Select(name => new { name, isGranted = true }).ToArray() }))
        {
            grant.StatusCode.ShouldBe(HttpStatusCode.NoContent, await grant.Content.ReadAsStringAsync());
        }

        var north = await CreateUnitAsync(admin, null, "North");
        var south = await CreateUnitAsync(admin, null, "South");
        var northVehicle = await CreateVehicleAsync(admin, north, "North van");
        var southVehicle = await CreateVehicleAsync(admin, south, "South van");
        var southStamp = TenantRecords.ReadStamp(factory, RecordKind.Vehicle, southVehicle)!;

        var userName = $"n{Guid.NewGuid():N}"[..16];
        var userId = await factory.CreateUserAsync(tenantId, userName, [UnitEditor], Password);
        await PostNoContentAsync(admin, $"{UnitsUrl}/{north}/members", new { userIds = new[] { userId } });
        var member = await ApiClient.SignInAsync(factory, await TenantNameAsync(tenantId), userName, Password);
        return new Fleet(tenantId, admin, member, north, northVehicle, southVehicle, southStamp);
    }

    private static async Task<Guid> CreateUnitAsync(ApiClient admin, Guid? parentId, string displayName)
    {
        using var response = await admin.PostAsync(UnitsUrl, new { parentId, displayName });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await ApiClient.ReadJsonAsync(response)).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> CreateVehicleAsync(ApiClient admin, Guid unitId, string model)
    {
        using var response = await admin.PostAsync("/api/app/vehicles", new { make = "Ford", model, meterUnit = "Miles", organizationUnitId = unitId });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await ApiClient.ReadJsonAsync(response)).GetProperty("id").GetGuid();
    }

    private static async Task PostNoContentAsync(ApiClient api, string url, object body)
    {
        using var response = await api.PostAsync(url, body);
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }

    private static async Task<(HttpStatusCode Status, string Body)> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    private static string WithoutTraceId(string body) => System.Text.RegularExpressions.Regex.Replace(body, "\"traceId\":\"[^\"]*\"", "\"traceId\":\"\"");

    private sealed record Fleet(Guid TenantId, ApiClient Admin, ApiClient Member, Guid North, Guid NorthVehicle, Guid SouthVehicle, string SouthStamp);
}
