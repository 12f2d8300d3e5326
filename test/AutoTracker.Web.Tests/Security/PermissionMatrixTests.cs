using System.Net;
using AutoTracker.Authorization;
using AutoTracker.Identity;
using AutoTracker.MultiTenancy;
using AutoTracker.PermissionManagement;
using AutoTracker.Permissions;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using V = AutoTracker.Permissions.AutoTrackerPermissions;

namespace AutoTracker.Web.Tests.Security;

/// <summary>
/// The permission matrix: every API endpoint and every page, called by users of every combination of the static
/// roles (on the host, without roles and as admin). A call whose permissions the user lacks must get 403 and change
/// nothing: problem details for the API, the access denied page for pages. A call the user may make must succeed. <see cref="Calls"/> names each endpoint's permissions, as docs/permissions.md documents them, and
/// <see cref="Calls_CoverEveryEndpoint"/> fails when an endpoint is missing from it.
/// </summary>
public sealed class PermissionMatrixTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    private const string Password = "matrix-test-passphrase-31";
    private const string TargetRole = "matrix-target";

    private static readonly PermissionDefinitionManager Definitions = new([new AutoTrackerPermissionDefinitionProvider()]);

    /// <summary>Pages that need no permission: the sign-in pages, the error page and the start page, which redirects.</summary>
    private static readonly string[] PagesWithoutPermission = ["", "Account/Login", "Account/Logout", "Account/AccessDenied", "Account/SetPassword", "Error"];

    [Fact]
    public void Calls_CoverEveryEndpoint()
    {
        var context = MatrixContext.Random();
        var covered = Calls(context).Select(c => $"{c.Method} {c.Template}").ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var (method, template, isPage, _) in Endpoints())
        {
            if (isPage && (method != "GET" || PagesWithoutPermission.Contains(template)))
            {
                continue;
            }

            if (!covered.Contains($"{method} {template}"))
            {
                missing.Add($"{method} {template}");
            }
        }

        missing.ShouldBeEmpty("Add these endpoints, with their permissions, to PermissionMatrixTests.Calls and docs/permissions.md");
    }

    [Fact]
    public void Calls_MatchTheEndpointsAuthorizeAttributes()
    {
        var declared = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var endpoint in Endpoints())
        {
            declared[$"{endpoint.Method} {endpoint.Template}"] = WithAncestors(endpoint.Permissions);
        }

        var mismatches = new List<string>();
        foreach (var call in Calls(MatrixContext.Random()).Where(c => c.Method == "GET" || !c.IsPage))
        {
            // The services check what the route cannot express: the kind of an import, the provider of a grant.
            var onRoute = declared[$"{call.Method} {call.Template}"];
            var inMatrix = WithAncestors(call.Permissions);
            if (!onRoute.IsSubsetOf(inMatrix) || (!call.ServiceChecksMore && !inMatrix.IsSubsetOf(onRoute)))
            {
                mismatches.Add($"{call.Method} {call.Template}: the route requires [{string.Join(", ", onRoute)}], the matrix [{string.Join(", ", call.Permissions)}]");
            }
        }

        mismatches.ShouldBeEmpty();
    }

    [Fact]
    public async Task TenantUsers_EveryRoleCombination_GetExactlyTheirPermissions()
    {
        var tenantName = $"matrix{Guid.NewGuid():N}"[..16];
        var tenantId = await factory.CreateTenantWithAdminAsync(tenantName);
        var admin = await ApiClient.SignInAsync(factory, tenantName);
        await CreateRoleAsync(tenantId, TargetRole);
        var targetUser = await factory.CreateUserAsync(tenantId, $"target{Guid.NewGuid():N}"[..16], [], Password);
        var failures = new List<string>();
        var calls = 0;

        var roles = new[] { StaticRoleNames.Admin, StaticRoleNames.Manager, StaticRoleNames.Technician, StaticRoleNames.Driver, StaticRoleNames.Viewer };
        for (var mask = 0; mask < 1 << roles.Length; mask++)
        {
            var combination = roles.Where((_, i) => (mask & (1 << i)) != 0).ToList();
            var userName = $"m{mask}{Guid.NewGuid():N}"[..16];
            await factory.CreateUserAsync(tenantId, userName, combination, Password);
            var user = await ApiClient.SignInAsync(factory, tenantName, userName, Password);
            var context = new MatrixContext(
                tenantId,
                await TenantRecords.CreateRecordsAsync(admin, $"API records of {userName}"),
                await TenantRecords.CreateRecordsAsync(admin, $"Page records of {userName}"),
                TargetRole,
                targetUser,
                Guid.NewGuid(),
                "unused")
            {
                Unit = await CreateUnitAsync(admin, $"Matrix unit of {userName}"),
                PageUnit = await CreatePageUnitAsync(admin, tenantId, $"Matrix page unit of {userName}", targetUser),
            };
            var granted = Granted(combination, MultiTenancySides.Tenant);
            calls += await RunAsync(user, context, granted, MultiTenancySides.Tenant, $"[{string.Join("+", combination)}]", failures);
        }

        failures.ShouldBeEmpty($"{failures.Count} of {calls} calls went wrong:\n" + string.Join("\n", failures));
        calls.ShouldBeGreaterThan(32 * 60);
    }

    [Fact]
    public async Task HostUsers_WithAndWithoutAdminRole_GetExactlyTheirPermissions()
    {
        var hostRole = TargetRole + "-host";
        await CreateRoleAsync(null, hostRole);
        var targetUser = await factory.CreateUserAsync(null, $"target{Guid.NewGuid():N}"[..16], [], Password);
        var failures = new List<string>();
        var calls = 0;

        foreach (var combination in new[] { Array.Empty<string>(), [StaticRoleNames.Admin] })
        {
            var userName = $"h{combination.Length}{Guid.NewGuid():N}"[..16];
            await factory.CreateUserAsync(null, userName, combination, Password);
            var user = await ApiClient.SignInAsync(factory, null, userName, Password);
            var tenantName = $"mt{Guid.NewGuid():N}"[..16];
            var target = await factory.CreateTenantWithAdminAsync(tenantName);
            var context = new MatrixContext(null, RandomRecords(), RandomRecords(), hostRole, targetUser, target, tenantName);

            // Users exist on the host side too, so the user management calls need real host users.
            context.Api[RecordKind.User] = await factory.CreateUserAsync(null, $"ha{Guid.NewGuid():N}"[..16], [], Password);
            context.Pages[RecordKind.User] = await factory.CreateUserAsync(null, $"hp{Guid.NewGuid():N}"[..16], [], Password);
            var granted = Granted(combination, MultiTenancySides.Host);
            calls += await RunAsync(user, context, granted, MultiTenancySides.Host, $"host [{string.Join("+", combination)}]", failures);
        }

        failures.ShouldBeEmpty($"{failures.Count} of {calls} calls went wrong:\n" + string.Join("\n", failures));
        calls.ShouldBeGreaterThan(2 * 60);
    }

    /// <summary>Makes every call as <paramref name="user"/>, compares each outcome with the permissions, and returns the number of calls.</summary>
    private async Task<int> RunAsync(ApiClient user, MatrixContext context, IReadOnlySet<string> granted, MultiTenancySides side, string caller, List<string> failures)
    {
        var formToken = await AutoTrackerWebFactory.GetFormTokenAsync(user.Http, "/Account/AccessDenied");
        var count = 0;
        foreach (var call in Calls(context))
        {
            var allowed = call.Permissions.All(p => Holds(granted, p, side));
            var before = allowed || context.TenantId is not { } tenantId ? null : TenantRecords.Snapshot(factory, tenantId);
            using var response = await SendAsync(user, call, formToken);
            var body = await response.Content.ReadAsStringAsync();
            count++;

            var problem = Check(call, allowed, response, body);
            if (problem is not null)
            {
                failures.Add($"{caller} {call.Method} {call.Path()}: {problem}");
            }

            if (allowed && call.Captures is { } capture && response.IsSuccessStatusCode)
            {
                capture(context, await ApiClient.ReadJsonAsync(response));
            }

            if (before is not null && !before.SequenceEqual(TenantRecords.Snapshot(factory, context.TenantId!.Value)))
            {
                failures.Add($"{caller} {call.Method} {call.Path()}: the denied call changed the tenant's data");
            }
        }

        return count;
    }

    private static string? Check(Call call, bool allowed, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (!allowed)
        {
            if (response.StatusCode != HttpStatusCode.Forbidden)
            {
                return $"expected 403, got {status} {Shorten(body)}";
            }

            return call.IsPage
                ? body.Contains("Access denied", StringComparison.Ordinal) ? null : "the 403 page is not the access denied page"
                : response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? null : "the 403 is not problem details";
        }

        if (call.IsPage)
        {
            // A form posted empty comes back with its field errors (200); one that acts redirects (302).
            return status is 200 or 302 ? null : $"expected 200 or 302, got {status} {Shorten(body)}";
        }

        return status is >= 200 and <= 299 ? null : $"expected success, got {status} {Shorten(body)}";
    }

    private static async Task<HttpResponseMessage> SendAsync(ApiClient user, Call call, string formToken)
    {
        if (!call.IsPage)
        {
            return await user.SendAsync(new HttpMethod(call.Method), call.Path(), call.Body?.Invoke());
        }

        if (call.Method == "GET")
        {
            return await user.Http.GetAsync(call.Path());
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = formToken });
        return await user.Http.PostAsync(call.Path(), form);
    }

    /// <summary>
    /// Every call of the matrix, in an order in which each succeeds for a user who holds its permissions: reads and
    /// changes first, deletes last, records before their vehicle. Pages come before the API, because the host's
    /// API calls delete the tenant that its pages show.
    /// </summary>
    private IEnumerable<Call> Calls(MatrixContext c)
    {
        var p = c.Pages;
        var a = c.Api;
        Guid ApiId(RecordKind kind) => a[kind];
        string Stamp(RecordKind kind, Guid id) => TenantRecords.ReadStamp(factory, kind, id) ?? Guid.NewGuid().ToString("N");
        string Vehicle(Dictionary<RecordKind, Guid> ids) => $"/api/app/vehicles/{ids[RecordKind.Vehicle]}";
        var tenants = TenantManagementPermissions.Tenants.Default;

        // Pages under /Vehicles.
        yield return Page("GET", "Vehicles", "/Vehicles", V.Vehicles.Default);
        yield return Page("GET", "Vehicles/Details/{id:guid}", $"/Vehicles/Details/{p[RecordKind.Vehicle]}", V.Vehicles.Default);
        yield return Page("GET", "Vehicles/Create", "/Vehicles/Create", V.Vehicles.Create);
        yield return Page("POST", "Vehicles/Create", "/Vehicles/Create", V.Vehicles.Create);
        yield return Page("GET", "Vehicles/Edit/{id:guid}", $"/Vehicles/Edit/{p[RecordKind.Vehicle]}", V.Vehicles.Edit);
        yield return Page("POST", "Vehicles/Edit/{id:guid}", $"/Vehicles/Edit/{p[RecordKind.Vehicle]}", V.Vehicles.Edit);
        yield return Page("GET", "Vehicles/Import", "/Vehicles/Import", V.Vehicles.Import);
        yield return Page("POST", "Vehicles/Import", "/Vehicles/Import", V.Vehicles.Import);
        foreach (var (folder, view) in new[] { ("FuelEntries", V.FuelEntries.Default), ("MeterReadings", V.MeterReadings.Default), ("ServiceRecords", V.ServiceRecords.Default) })
        {
            var kind = folder switch { "FuelEntries" => RecordKind.FuelEntry, "MeterReadings" => RecordKind.MeterReading, _ => RecordKind.ServiceRecord };
            var create = $"/Vehicles/{p[RecordKind.Vehicle]}/{folder}/Create";
            var edit = $"/Vehicles/{p[RecordKind.Vehicle]}/{folder}/Edit/{p[kind]}";
            yield return Page("GET", $"Vehicles/{{vehicleId:guid}}/{folder}/Create", create, view + ".Create");
            yield return Page("POST", $"Vehicles/{{vehicleId:guid}}/{folder}/Create", create, view + ".Create");
            yield return Page("GET", $"Vehicles/{{vehicleId:guid}}/{folder}/Edit/{{id:guid}}", edit, view + ".Edit");
            yield return Page("POST", $"Vehicles/{{vehicleId:guid}}/{folder}/Edit/{{id:guid}}", edit, view + ".Edit");
        }

        // The details page's delete buttons post to handlers, which the services authorize.
        var details = $"/Vehicles/Details/{p[RecordKind.Vehicle]}";
        yield return Page("POST", "Vehicles/Details/{id:guid}", $"{details}?handler=DeleteFuelEntry&recordId={p[RecordKind.FuelEntry]}", V.Vehicles.Default, V.FuelEntries.Delete);
        yield return Page("POST", "Vehicles/Details/{id:guid}", $"{details}?handler=DeleteMeterReading&recordId={p[RecordKind.MeterReading]}", V.Vehicles.Default, V.MeterReadings.Delete);
        yield return Page("POST", "Vehicles/Details/{id:guid}", $"{details}?handler=DeleteServiceRecord&recordId={p[RecordKind.ServiceRecord]}", V.Vehicles.Default, V.ServiceRecords.Delete);
        yield return Page("GET", "Vehicles/Delete/{id:guid}", $"/Vehicles/Delete/{p[RecordKind.Vehicle]}", V.Vehicles.Delete);
        yield return Page("POST", "Vehicles/Delete/{id:guid}", $"/Vehicles/Delete/{p[RecordKind.Vehicle]}", V.Vehicles.Delete);

        // Organization unit pages, on a unit of their own that has the target user as member and the target role.
        var unitPages = "Identity/OrganizationUnits";
        var ous = IdentityPermissions.OrganizationUnits.Default;
        var manageMembers = IdentityPermissions.OrganizationUnits.ManageMembers;
        yield return Page("GET", unitPages, $"/{unitPages}", ous);
        yield return Page("GET", $"{unitPages}/Create", $"/{unitPages}/Create?parentId={c.PageUnit}", IdentityPermissions.OrganizationUnits.Create);
        yield return Page("POST", $"{unitPages}/Create", $"/{unitPages}/Create", IdentityPermissions.OrganizationUnits.Create);
        yield return Page("GET", $"{unitPages}/Edit/{{id:guid}}", $"/{unitPages}/Edit/{c.PageUnit}", IdentityPermissions.OrganizationUnits.Edit);
        yield return Page("POST", $"{unitPages}/Edit/{{id:guid}}", $"/{unitPages}/Edit/{c.PageUnit}", IdentityPermissions.OrganizationUnits.Edit);
        yield return Page("POST", $"{unitPages}/Edit/{{id:guid}}", $"/{unitPages}/Edit/{c.PageUnit}?handler=Move", IdentityPermissions.OrganizationUnits.Edit);
        yield return Page("GET", $"{unitPages}/Members/{{id:guid}}", $"/{unitPages}/Members/{c.PageUnit}", ous);
        yield return Page("POST", $"{unitPages}/Members/{{id:guid}}", $"/{unitPages}/Members/{c.PageUnit}?handler=Add", ous, manageMembers);
        yield return Page("POST", $"{unitPages}/Members/{{id:guid}}", $"/{unitPages}/Members/{c.PageUnit}?handler=Remove&userId={c.TargetUser}", ous, manageMembers);
        yield return Page("GET", $"{unitPages}/Roles/{{id:guid}}", $"/{unitPages}/Roles/{c.PageUnit}", ous);
        yield return Page("POST", $"{unitPages}/Roles/{{id:guid}}", $"/{unitPages}/Roles/{c.PageUnit}?handler=Add", ous, manageMembers, IdentityPermissions.Roles.ManagePermissions);
        yield return new Call("POST", $"{unitPages}/Roles/{{id:guid}}", () => $"/{unitPages}/Roles/{c.PageUnit}?handler=Remove&roleId={RoleId(c)}", null, [ous, manageMembers, IdentityPermissions.Roles.ManagePermissions])
        {
            IsPage = true,
        };
        yield return Page("GET", $"{unitPages}/Delete/{{id:guid}}", $"/{unitPages}/Delete/{c.PageUnit}", IdentityPermissions.OrganizationUnits.Delete);
        yield return Page("POST", $"{unitPages}/Delete/{{id:guid}}", $"/{unitPages}/Delete/{c.PageUnit}", IdentityPermissions.OrganizationUnits.Delete);

        // Settings pages, on each side.
        yield return Page("GET", "Settings/Tenant", "/Settings/Tenant", SettingManagementPermissions.TenantSettings);
        yield return Page("GET", "Settings/Host", "/Settings/Host", SettingManagementPermissions.HostSettings);

        // Pages under /Identity, on the target role and user; the delete form deletes a role of its own.
        var roles = IdentityPermissions.Roles.Default;
        var targetRoleId = RoleId(c);
        yield return Page("GET", "Identity/Roles", "/Identity/Roles", roles);
        yield return Page("GET", "Identity/Roles/Create", "/Identity/Roles/Create", IdentityPermissions.Roles.Create);
        yield return Page("POST", "Identity/Roles/Create", "/Identity/Roles/Create", IdentityPermissions.Roles.Create);
        yield return Page("GET", "Identity/Roles/Edit/{id:guid}", $"/Identity/Roles/Edit/{targetRoleId}", IdentityPermissions.Roles.Edit);
        yield return Page("POST", "Identity/Roles/Edit/{id:guid}", $"/Identity/Roles/Edit/{targetRoleId}", IdentityPermissions.Roles.Edit);
        yield return Page("GET", "Identity/Roles/Permissions/{id:guid}", $"/Identity/Roles/Permissions/{targetRoleId}", IdentityPermissions.Roles.ManagePermissions);
        yield return Page("POST", "Identity/Roles/Permissions/{id:guid}", $"/Identity/Roles/Permissions/{targetRoleId}", IdentityPermissions.Roles.ManagePermissions);
        yield return Page("GET", "Identity/Users/Permissions/{id:guid}", $"/Identity/Users/Permissions/{c.TargetUser}", IdentityPermissions.Users.ManagePermissions);
        yield return Page("POST", "Identity/Users/Permissions/{id:guid}", $"/Identity/Users/Permissions/{c.TargetUser}", IdentityPermissions.Users.ManagePermissions);
        var deletedByPage = NewRole(c);
        yield return Page("GET", "Identity/Roles/Delete/{id:guid}", $"/Identity/Roles/Delete/{deletedByPage}", IdentityPermissions.Roles.Delete);
        yield return Page("POST", "Identity/Roles/Delete/{id:guid}", $"/Identity/Roles/Delete/{deletedByPage}", IdentityPermissions.Roles.Delete);

        // Pages under /TenantManagement, on the tenant the host's calls may change.
        yield return Page("GET", "TenantManagement", "/TenantManagement", tenants);
        yield return Page("POST", "TenantManagement", $"/TenantManagement?handler=SetActive&id={c.TenantTarget}&active=true", tenants, TenantManagementPermissions.Tenants.Edit);
        yield return Page("GET", "TenantManagement/Create", "/TenantManagement/Create", TenantManagementPermissions.Tenants.Create);
        yield return Page("POST", "TenantManagement/Create", "/TenantManagement/Create", TenantManagementPermissions.Tenants.Create);
        yield return Page("GET", "TenantManagement/Edit/{id:guid}", $"/TenantManagement/Edit/{c.TenantTarget}", tenants, TenantManagementPermissions.Tenants.Edit);
        yield return Page("POST", "TenantManagement/Edit/{id:guid}", $"/TenantManagement/Edit/{c.TenantTarget}", tenants, TenantManagementPermissions.Tenants.Edit);
        yield return Page("GET", "TenantManagement/Delete/{id:guid}", $"/TenantManagement/Delete/{c.TenantTarget}", tenants, TenantManagementPermissions.Tenants.Delete);
        yield return Page("POST", "TenantManagement/Delete/{id:guid}", $"/TenantManagement/Delete/{c.TenantTarget}", tenants, TenantManagementPermissions.Tenants.Delete);
        yield return Page("GET", "TenantManagement/Database/{id:guid}", $"/TenantManagement/Database/{c.TenantTarget}", tenants, TenantManagementPermissions.Tenants.ManageDatabase);
        yield return Page("GET", "TenantManagement/Usage/{id:guid}", $"/TenantManagement/Usage/{c.TenantTarget}", tenants);

        // Pages under /Identity/Users, on the page records' user; the delete comes last.
        var users = IdentityPermissions.Users.Default;
        yield return Page("GET", "Identity/Users", "/Identity/Users", users);
        yield return Page("GET", "Identity/Users/Create", "/Identity/Users/Create", IdentityPermissions.Users.Create);
        yield return Page("POST", "Identity/Users/Create", "/Identity/Users/Create", IdentityPermissions.Users.Create);
        yield return Page("GET", "Identity/Users/Edit/{id:guid}", $"/Identity/Users/Edit/{p[RecordKind.User]}", IdentityPermissions.Users.Edit);
        yield return Page("POST", "Identity/Users/Edit/{id:guid}", $"/Identity/Users/Edit/{p[RecordKind.User]}", IdentityPermissions.Users.Edit);
        yield return Page("POST", "Identity/Users/Edit/{id:guid}", $"/Identity/Users/Edit/{p[RecordKind.User]}?handler=Lock", IdentityPermissions.Users.Edit);
        yield return Page("POST", "Identity/Users/Edit/{id:guid}", $"/Identity/Users/Edit/{p[RecordKind.User]}?handler=Unlock", IdentityPermissions.Users.Edit);
        yield return Page("POST", "Identity/Users/Edit/{id:guid}", $"/Identity/Users/Edit/{p[RecordKind.User]}?handler=SendPasswordReset", IdentityPermissions.Users.Edit);
        yield return Page("GET", "Identity/Users/Delete/{id:guid}", $"/Identity/Users/Delete/{p[RecordKind.User]}", IdentityPermissions.Users.Delete);
        yield return Page("POST", "Identity/Users/Delete/{id:guid}", $"/Identity/Users/Delete/{p[RecordKind.User]}", IdentityPermissions.Users.Delete);

        // Vehicles and their records through the API.
        yield return Api("GET", "api/app/vehicles", () => "/api/app/vehicles", null, V.Vehicles.Default);
        yield return Api("GET", "api/app/vehicles/{id:guid}", () => Vehicle(a), null, V.Vehicles.Default);
        yield return Api("GET", "api/app/vehicles/decode-vin", () => "/api/app/vehicles/decode-vin?vin=1FTJW36F9TEA02868", null, V.Vehicles.Default);
        yield return Api("POST", "api/app/vehicles", () => "/api/app/vehicles", () => new { make = "Matrix", model = "Created", meterUnit = "Miles" }, V.Vehicles.Create);
        yield return Api("PUT", "api/app/vehicles/{id:guid}", () => Vehicle(a),
            () => new { make = "Matrix", model = "Edited", meterUnit = "Miles", concurrencyStamp = Stamp(RecordKind.Vehicle, ApiId(RecordKind.Vehicle)) }, V.Vehicles.Edit);
        yield return Api("GET", "api/app/vehicles/{vehicleId:guid}/fuel-economy", () => $"{Vehicle(a)}/fuel-economy", null, V.FuelEntries.Default);
        foreach (var (route, kind, view, create, edit) in RecordRoutes())
        {
            yield return Api("GET", $"api/app/vehicles/{{vehicleId:guid}}/{route}", () => $"{Vehicle(a)}/{route}", null, view);
            yield return Api("GET", $"api/app/vehicles/{{vehicleId:guid}}/{route}/{{id:guid}}", () => $"{Vehicle(a)}/{route}/{ApiId(kind)}", null, view);
            yield return Api("POST", $"api/app/vehicles/{{vehicleId:guid}}/{route}", () => $"{Vehicle(a)}/{route}", create, view + ".Create");
            yield return Api("PUT", $"api/app/vehicles/{{vehicleId:guid}}/{route}/{{id:guid}}", () => $"{Vehicle(a)}/{route}/{ApiId(kind)}",
                () => TenantRecords.WithStamp(edit(), Stamp(kind, ApiId(kind))), view + ".Edit");
        }

        // Imports: a user who may preview commits the batch of the own preview. Other users get the admin's batch instead.
        yield return Api("POST", "api/app/vehicle-imports/preview", () => "/api/app/vehicle-imports/preview", () => TenantRecords.ImportForm(), V.Vehicles.Import, V.Vehicles.Create) with
        {
            ServiceChecksMore = true,
            Captures = (context, json) => context.Api[RecordKind.ImportBatch] = json.GetProperty("batchId").GetGuid(),
        };
        yield return Api("GET", "api/app/vehicle-imports/{batchId:guid}", () => $"/api/app/vehicle-imports/{ApiId(RecordKind.ImportBatch)}", null, V.Vehicles.Import);
        yield return Api("GET", "api/app/vehicle-imports/{batchId:guid}/progress", () => $"/api/app/vehicle-imports/{ApiId(RecordKind.ImportBatch)}/progress", null, V.Vehicles.Import);
        yield return Api("POST", "api/app/vehicle-imports/{batchId:guid}/commit", () => $"/api/app/vehicle-imports/{ApiId(RecordKind.ImportBatch)}/commit", null, V.Vehicles.Import, V.Vehicles.Create) with
        {
            ServiceChecksMore = true,
        };

        // Organization units: the unit of this user's calls, a member and a role of it; the delete comes last.
        var unitUrl = $"/api/identity/organization-units/{c.Unit}";
        yield return Api("GET", "api/identity/organization-units", () => "/api/identity/organization-units", null, ous);
        yield return Api("GET", "api/identity/organization-units/{id:guid}", () => unitUrl, null, ous);
        yield return Api("POST", "api/identity/organization-units", () => "/api/identity/organization-units",
            () => new { parentId = c.Unit, displayName = $"Child {Guid.NewGuid():N}" }, ous, IdentityPermissions.OrganizationUnits.Create);
        yield return Api("PUT", "api/identity/organization-units/{id:guid}", () => unitUrl,
            () => new { displayName = $"Renamed {Guid.NewGuid():N}", concurrencyStamp = UnitStamp(c) }, ous, IdentityPermissions.OrganizationUnits.Edit);
        yield return Api("PUT", "api/identity/organization-units/{id:guid}/move", () => $"{unitUrl}/move",
            () => new { newParentId = (Guid?)null, concurrencyStamp = UnitStamp(c) }, ous, IdentityPermissions.OrganizationUnits.Edit);
        yield return Api("GET", "api/identity/organization-units/{id:guid}/members", () => $"{unitUrl}/members", null, ous);
        yield return Api("POST", "api/identity/organization-units/{id:guid}/members", () => $"{unitUrl}/members",
            () => new { userIds = new[] { c.TargetUser } }, ous, manageMembers) with { ServiceChecksMore = true };
        yield return Api("DELETE", "api/identity/organization-units/{id:guid}/members/{userId:guid}", () => $"{unitUrl}/members/{c.TargetUser}", null, ous, manageMembers);
        yield return Api("GET", "api/identity/organization-units/{id:guid}/roles", () => $"{unitUrl}/roles", null, ous);
        yield return Api("POST", "api/identity/organization-units/{id:guid}/roles", () => $"{unitUrl}/roles",
            () => new { roleIds = new[] { RoleId(c) } }, ous, manageMembers, IdentityPermissions.Roles.ManagePermissions) with { ServiceChecksMore = true };
        yield return Api("DELETE", "api/identity/organization-units/{id:guid}/roles/{roleId:guid}", () => $"{unitUrl}/roles/{RoleId(c)}", null, ous, manageMembers, IdentityPermissions.Roles.ManagePermissions) with
        {
            ServiceChecksMore = true,
        };
        yield return Api("DELETE", "api/identity/organization-units/{id:guid}", () => unitUrl, null, ous, IdentityPermissions.OrganizationUnits.Delete);

        // Grants of a role and of a user; the services pick the permission by the provider.
        var grant = new { permissions = new[] { new { name = IdentityPermissions.Users.Default, isGranted = true } } };
        var roleQuery = $"providerName=R&providerKey={c.TargetRole}";
        var userQuery = $"providerName=U&providerKey={c.TargetUser}";
        yield return Api("GET", "api/permission-management/permissions", () => $"/api/permission-management/permissions?{roleQuery}", null, IdentityPermissions.Roles.ManagePermissions) with { ServiceChecksMore = true };
        yield return Api("PUT", "api/permission-management/permissions", () => $"/api/permission-management/permissions?{roleQuery}", () => grant, IdentityPermissions.Roles.ManagePermissions) with { ServiceChecksMore = true };
        yield return Api("GET", "api/permission-management/permissions", () => $"/api/permission-management/permissions?{userQuery}", null, IdentityPermissions.Users.ManagePermissions) with { ServiceChecksMore = true };
        yield return Api("PUT", "api/permission-management/permissions", () => $"/api/permission-management/permissions?{userQuery}", () => grant, IdentityPermissions.Users.ManagePermissions) with { ServiceChecksMore = true };

        // Roles: the edit and the delete each work on a new role, created before the call so that a denied call's snapshot includes it.
        var roleUrl = $"/api/identity/roles/{targetRoleId}";
        yield return Api("GET", "api/identity/roles", () => "/api/identity/roles?filter=matrix&sorting=userCount%20desc", null, roles);
        yield return Api("GET", "api/identity/roles/all", () => "/api/identity/roles/all", null, roles);
        yield return Api("GET", "api/identity/roles/{id:guid}", () => roleUrl, null, roles);
        yield return Api("POST", "api/identity/roles", () => "/api/identity/roles", () => new { name = $"mx{Guid.NewGuid():N}"[..16] }, IdentityPermissions.Roles.Create);
        var editedRole = NewRole(c);
        yield return Api("PUT", "api/identity/roles/{id:guid}", () => $"/api/identity/roles/{editedRole}",
            () => new { name = $"mx{Guid.NewGuid():N}"[..16], isDefault = true, concurrencyStamp = RoleStamp(editedRole) }, IdentityPermissions.Roles.Edit);
        var deletedRole = NewRole(c);
        yield return Api("DELETE", "api/identity/roles/{id:guid}", () => $"/api/identity/roles/{deletedRole}", null, IdentityPermissions.Roles.Delete);
        // Users, on the API records' user; the delete comes at the end.
        var userUrl = $"/api/identity/users/{a[RecordKind.User]}";
        yield return Api("GET", "api/identity/users", () => "/api/identity/users", null, users);
        yield return Api("GET", "api/identity/users/{id:guid}", () => userUrl, null, users);
        yield return Api("GET", "api/identity/users/{id:guid}/roles", () => $"{userUrl}/roles", null, users);
        yield return Api("POST", "api/identity/users", () => "/api/identity/users", () => TenantRecords.UserBody($"new{Guid.NewGuid():N}"[..16]), IdentityPermissions.Users.Create);
        yield return Api("PUT", "api/identity/users/{id:guid}", () => userUrl,
            () => new { userName = $"chg{Guid.NewGuid():N}"[..16], email = $"chg{Guid.NewGuid():N}@matrix.test", isActive = true, lockoutEnabled = true, concurrencyStamp = TenantRecords.ReadStamp(factory, RecordKind.User, a[RecordKind.User]) },
            IdentityPermissions.Users.Edit);
        yield return Api("PUT", "api/identity/users/{id:guid}/roles", () => $"{userUrl}/roles", () => new { roleNames = Array.Empty<string>() }, IdentityPermissions.Users.Edit);
        yield return Api("POST", "api/identity/users/{id:guid}/lock", () => $"{userUrl}/lock", () => new { lockoutEnd = (DateTimeOffset?)null }, IdentityPermissions.Users.Edit);
        yield return Api("POST", "api/identity/users/{id:guid}/unlock", () => $"{userUrl}/unlock", null, IdentityPermissions.Users.Edit);
        yield return Api("POST", "api/identity/users/{id:guid}/send-password-reset", () => $"{userUrl}/send-password-reset", null, IdentityPermissions.Users.Edit);

        // Tenants, on a tenant of this test; the delete comes last.
        var tenantUrl = $"/api/tenant-management/tenants/{c.TenantTarget}";
        var newTenant = $"new{Guid.NewGuid():N}"[..16];
        yield return Api("GET", "api/setting-management/tenant", () => "/api/setting-management/tenant", null, SettingManagementPermissions.TenantSettings);
        yield return Api("PUT", "api/setting-management/tenant", () => "/api/setting-management/tenant",
            () => new { concurrencyStamp = SettingsStamp("/api/setting-management/tenant", c), values = new Dictionary<string, string?>() }, SettingManagementPermissions.TenantSettings);
        yield return Api("GET", "api/setting-management/host", () => "/api/setting-management/host", null, SettingManagementPermissions.HostSettings);
        yield return Api("PUT", "api/setting-management/host", () => "/api/setting-management/host",
            () => new { concurrencyStamp = SettingsStamp("/api/setting-management/host", c), values = new Dictionary<string, string?>() }, SettingManagementPermissions.HostSettings);
        yield return Api("GET", "api/tenant-management/tenants", () => "/api/tenant-management/tenants", null, tenants);
        yield return Api("GET", "api/tenant-management/tenants/{id:guid}", () => tenantUrl, null, tenants);
        yield return Api("POST", "api/tenant-management/tenants", () => "/api/tenant-management/tenants",
            () => new { name = newTenant, adminEmail = $"admin@{newTenant}.test", adminPassword = Password }, tenants, TenantManagementPermissions.Tenants.Create);
        yield return Api("PUT", "api/tenant-management/tenants/{id:guid}", () => tenantUrl,
            () => new { name = c.TenantTargetName, maxVehicles = 100, concurrencyStamp = TenantStamp(c.TenantTarget) }, tenants, TenantManagementPermissions.Tenants.Edit);
        yield return Api("POST", "api/tenant-management/tenants/{id:guid}/deactivate", () => $"{tenantUrl}/deactivate", null, tenants, TenantManagementPermissions.Tenants.Edit);
        yield return Api("GET", "api/tenant-management/tenants/{id:guid}/usage", () => $"{tenantUrl}/usage", null, tenants);
        yield return Api("GET", "api/tenant-management/tenants/{id:guid}/former-names", () => $"{tenantUrl}/former-names", null, tenants);
        yield return Api("DELETE", "api/tenant-management/tenants/{id:guid}/former-names/{name}", () => $"{tenantUrl}/former-names/{ReserveFormerName(c.TenantTarget)}", null, tenants, TenantManagementPermissions.Tenants.Edit);
        yield return Api("GET", "api/tenant-management/tenants/{id:guid}/database", () => $"{tenantUrl}/database", null, tenants, TenantManagementPermissions.Tenants.ManageDatabase);
        yield return Api("PUT", "api/tenant-management/tenants/{id:guid}/database", () => $"{tenantUrl}/database",
            () => new { connectionString = (string?)null, concurrencyStamp = TenantStamp(c.TenantTarget) }, tenants, TenantManagementPermissions.Tenants.ManageDatabase);
        yield return Api("POST", "api/tenant-management/tenants/database-connection-test", () => "/api/tenant-management/tenants/database-connection-test",
            () => new { connectionString = TestableConnectionString.Value }, tenants, TenantManagementPermissions.Tenants.ManageDatabase);

        // The database of a tenant changes only while it is deactivated, so it is activated again after that call.
        yield return Api("POST", "api/tenant-management/tenants/{id:guid}/activate", () => $"{tenantUrl}/activate", null, tenants, TenantManagementPermissions.Tenants.Edit);

        // Deletes: records before their vehicle.
        foreach (var (route, kind, view, _, _) in RecordRoutes())
        {
            yield return Api("DELETE", $"api/app/vehicles/{{vehicleId:guid}}/{route}/{{id:guid}}", () => $"{Vehicle(a)}/{route}/{ApiId(kind)}", null, view + ".Delete");
        }

        yield return Api("DELETE", "api/app/vehicles/{id:guid}", () => Vehicle(a), null, V.Vehicles.Delete);
        yield return Api("DELETE", "api/identity/users/{id:guid}", () => userUrl, null, IdentityPermissions.Users.Delete);
        yield return Api("DELETE", "api/tenant-management/tenants/{id:guid}", () => $"{tenantUrl}?confirmName={c.TenantTargetName}", null, tenants, TenantManagementPermissions.Tenants.Delete);
    }

    private static IEnumerable<(string Route, RecordKind Kind, string View, Func<object?> Create, Func<object> Edit)> RecordRoutes() =>
    [
        ("fuel-entries", RecordKind.FuelEntry, V.FuelEntries.Default,
            () => TenantRecords.FuelEntryBody("2025-05-10", 3000), () => TenantRecords.FuelEntryBody(TenantRecords.FuelEntryDate, 1000, vendor: "Matrix")),
        ("meter-readings", RecordKind.MeterReading, V.MeterReadings.Default,
            () => TenantRecords.MeterReadingBody("2025-06-10", 4000), () => TenantRecords.MeterReadingBody(TenantRecords.MeterReadingDate, 1600)),
        ("service-records", RecordKind.ServiceRecord, V.ServiceRecords.Default,
            () => TenantRecords.ServiceRecordBody("2025-04-10"), () => TenantRecords.ServiceRecordBody(TenantRecords.ServiceRecordDate, notes: "Matrix")),
    ];

    private static Call Page(string method, string template, string path, params string[] permissions) =>
        new(method, template, () => path, null, permissions) { IsPage = true };

    private static Call Api(string method, string template, Func<string> path, Func<object?>? body, params string[] permissions) =>
        new(method, template, path, body, permissions);

    /// <summary>Returns the permissions the seed grants to the union of <paramref name="roles"/> on one side.</summary>
    private static IReadOnlySet<string> Granted(IEnumerable<string> roles, MultiTenancySides side)
    {
        var granted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            granted.UnionWith(role == StaticRoleNames.Admin ? Definitions.AllOn(side).Select(p => p.Name) : StaticRoleGrants.Defaults[role]);
        }

        return granted;
    }

    private static IReadOnlySet<string> WithAncestors(IEnumerable<string> names) =>
        names.SelectMany(name => Definitions.Get(name).SelfAndAncestors()).ToHashSet(StringComparer.Ordinal);

    /// <summary>The rule the checker enforces: the permission and every ancestor are granted and exist on the side.</summary>
    private static bool Holds(IReadOnlySet<string> granted, string name, MultiTenancySides side)
    {
        for (var permission = Definitions.Get(name); permission is not null; permission = permission.Parent)
        {
            if (!permission.ExistsOn(side) || !granted.Contains(permission.Name))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Lists every endpoint with its route template and the permissions its authorization metadata names.</summary>
    private IEnumerable<(string Method, string Template, bool IsPage, IReadOnlyList<string> Permissions)> Endpoints()
    {
        var sources = factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var template = endpoint.RoutePattern.RawText?.TrimStart('/') ?? string.Empty;
            var isPage = endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null;

            // An Index page is also served at its folder's path, where the matrix calls it.
            if (isPage && (template == "Index" || template.EndsWith("/Index", StringComparison.Ordinal)))
            {
                template = template[..^"Index".Length].TrimEnd('/');
            }

            if (!isPage && !template.StartsWith("api/", StringComparison.Ordinal))
            {
                continue;
            }

            var permissions = endpoint.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>()
                .Select(a => a.Policy)
                .OfType<string>()
                .Where(p => Definitions.Find(p) is not null)
                .ToList();
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? (isPage ? ["GET", "POST"] : ["GET"]))
            {
                yield return (method, template, isPage, permissions);
            }
        }
    }

    private static async Task<Guid> CreateUnitAsync(ApiClient admin, string displayName)
    {
        using var response = await admin.SendAsync(HttpMethod.Post, "/api/identity/organization-units", new { displayName });
        response.EnsureSuccessStatusCode();
        return (await ApiClient.ReadJsonAsync(response)).GetProperty("id").GetGuid();
    }

    /// <summary>Creates a unit with <paramref name="member"/> as its member and the target role as its role.</summary>
    private async Task<Guid> CreatePageUnitAsync(ApiClient admin, Guid tenantId, string displayName, Guid member)
    {
        var unit = await CreateUnitAsync(admin, displayName);
        using (var members = await admin.PostAsync($"/api/identity/organization-units/{unit}/members", new { userIds = new[] { member } }))
        {
            members.EnsureSuccessStatusCode();
        }

        var roleId = RoleId(MatrixContext.Random() with { TenantId = tenantId, CreatesRecords = true });
        using (var roles = await admin.PostAsync($"/api/identity/organization-units/{unit}/roles", new { roleIds = new[] { roleId } }))
        {
            roles.EnsureSuccessStatusCode();
        }

        return unit;
    }

    private string UnitStamp(MatrixContext c) => factory.InScope(c.TenantId, sp =>
        sp.GetRequiredService<AutoTracker.EntityFrameworkCore.AutoTrackerDbContext>().OrganizationUnits.Where(u => u.Id == c.Unit).Select(u => u.ConcurrencyStamp).SingleOrDefault())
        ?? Guid.NewGuid().ToString("N");

    private Task CreateRoleAsync(Guid? tenantId, string name) =>
        factory.InScopeAsync(tenantId, async sp =>
        {
            var result = await sp.GetRequiredService<Microsoft.AspNetCore.Identity.RoleManager<AppRole>>().CreateAsync(new AppRole(Guid.NewGuid(), tenantId, name));
            result.Succeeded.ShouldBeTrue();
            return 0;
        });

    /// <summary>Returns the id of the context's target role, or a random id for a context that is not in the database.</summary>
    private Guid RoleId(MatrixContext c) => !c.CreatesRecords
        ? Guid.NewGuid()
        : factory.InScope(c.TenantId, sp => sp.GetRequiredService<AutoTracker.EntityFrameworkCore.AutoTrackerDbContext>().Roles
            .Where(r => r.Name == c.TargetRole).Select(r => r.Id).Single());

    /// <summary>Creates a role without grants in the context's tenant, straight in the database, and returns its id.</summary>
    private Guid NewRole(MatrixContext c)
    {
        if (!c.CreatesRecords)
        {
            return Guid.NewGuid();
        }

        var name = $"mx{Guid.NewGuid():N}"[..16];
        var role = new AppRole(Guid.NewGuid(), c.TenantId, name) { NormalizedName = name.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() };
        factory.InScope(c.TenantId, sp =>
        {
            var db = sp.GetRequiredService<AutoTracker.EntityFrameworkCore.AutoTrackerDbContext>();
            db.Roles.Add(role);
            return db.SaveChanges();
        });
        return role.Id;
    }

    private string RoleStamp(Guid roleId) => factory.InScope(null, sp =>
        sp.GetRequiredService<AutoTracker.EntityFrameworkCore.AutoTrackerDbContext>().Roles.IgnoreQueryFilters()
            .Where(r => r.Id == roleId).Select(r => r.ConcurrencyStamp).SingleOrDefault())
        ?? Guid.NewGuid().ToString("N");

    /// <summary>A connection string that the connection test accepts: a new database on the run's engine, left to the test server's cleanup.</summary>
    private static readonly Lazy<string> TestableConnectionString = new(() => TestDatabase.Create().ConnectionString);

    /// <summary>Reserves a new former name for the tenant, directly in the host database, so that releasing it can succeed.</summary>
    private string ReserveFormerName(Guid tenantId)
    {
        var name = $"former{Guid.NewGuid():N}"[..20];
        factory.InScope(null, sp =>
        {
            var host = sp.GetRequiredService<AutoTracker.EntityFrameworkCore.MultiTenancy.HostDatabase>().Context;
            host.ReservedTenantNames.Add(new AutoTracker.TenantManagement.ReservedTenantName(name, tenantId, DateTime.UtcNow));
            return host.SaveChanges();
        });
        return name;
    }

    /// <summary>The current stamp of one settings level: the host's for the host URL, else the context's tenant's.</summary>
    private string SettingsStamp(string url, MatrixContext c)
    {
        Guid? level = url.EndsWith("/host", StringComparison.Ordinal) ? null : c.TenantId;
        var rows = factory.InScope(level, sp => sp.GetRequiredService<AutoTracker.Domain.IRepository<AutoTracker.Settings.SettingValue>>().Query().ToList());
        return AutoTracker.Settings.SettingManagementAppService.ComputeStamp(rows);
    }

    private string TenantStamp(Guid tenantId) => factory.InScope(null, sp =>
        sp.GetRequiredService<AutoTracker.EntityFrameworkCore.AutoTrackerDbContext>().Tenants.Where(t => t.Id == tenantId).Select(t => t.ConcurrencyStamp).SingleOrDefault())
        ?? Guid.NewGuid().ToString("N");

    private static Dictionary<RecordKind, Guid> RandomRecords() => Enum.GetValues<RecordKind>().ToDictionary(k => k, _ => Guid.NewGuid());

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "...";

    /// <summary>One request of the matrix and the permissions it needs, all of them.</summary>
    private sealed record Call(string Method, string Template, Func<string> Path, Func<object?>? Body, IReadOnlyList<string> Permissions)
    {
        public bool IsPage { get; init; }

        /// <summary>True when the application service checks a permission that the route's attributes do not name.</summary>
        public bool ServiceChecksMore { get; init; }

        /// <summary>Takes what a successful response returns, such as a new batch id, into the context.</summary>
        public Action<MatrixContext, System.Text.Json.JsonElement>? Captures { get; init; }
    }

    /// <summary>The records and targets one user's calls work on.</summary>
    /// <param name="Api">Records the API calls read, change and delete.</param>
    /// <param name="Pages">Other records, which the page calls delete.</param>
    /// <param name="TenantTarget">A tenant that the host's tenant management calls change and delete.</param>
    private sealed record MatrixContext(
        Guid? TenantId,
        Dictionary<RecordKind, Guid> Api,
        Dictionary<RecordKind, Guid> Pages,
        string TargetRole,
        Guid TargetUser,
        Guid TenantTarget,
        string TenantTargetName)
    {
        /// <summary>False for a context of random ids, for which the calls create no records.</summary>
        public bool CreatesRecords { get; init; } = true;
        /// <summary>An organization unit that the tenant's calls read, change and delete; random on the host.</summary>
        public Guid Unit { get; init; } = Guid.NewGuid();

        /// <summary>Another unit, which the page calls change and delete; random on the host.</summary>
        public Guid PageUnit { get; init; } = Guid.NewGuid();

        public static MatrixContext Random() =>
            new(Guid.NewGuid(), RandomRecords(), RandomRecords(), PermissionMatrixTests.TargetRole, Guid.NewGuid(), Guid.NewGuid(), "unused") { CreatesRecords = false };
    }
}
