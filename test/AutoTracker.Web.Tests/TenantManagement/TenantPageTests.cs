using System.Net;
using AutoTracker.EntityFrameworkCore;
using TenantEntity = AutoTracker.TenantManagement.Tenant;
using AutoTracker.Web.Tests.Infrastructure;
using AutoTracker.Web.Tests.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.TenantManagement;

/// <summary>The tenant administration pages under /TenantManagement, used through their forms as the host admin and as a tenant's admin.</summary>
public sealed class TenantPageTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    private const string TenantPassword = "tenant-admin-passphrase-77";

    [Fact]
    public void Pages_RequireHostOnlyPermission()
    {
        var pages = factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>()
            .SelectMany(s => s.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Where(e => e.RoutePattern.RawText!.StartsWith("TenantManagement", StringComparison.Ordinal))
            .ToList();

        pages.Count.ShouldBeGreaterThanOrEqualTo(4);
        foreach (var page in pages)
        {
            TenantIsolationMatrixTests.IsHostOnly(page).ShouldBeTrue(page.RoutePattern.RawText);
        }
    }

    [Fact]
    public async Task HostAdmin_GetPages_Return200()
    {
        var host = await factory.SignInAsync(null, "admin", AutoTrackerWebFactory.AdminPassword);
        var demoId = await factory.GetTenantIdAsync("demo");

        foreach (var path in new[] { "/TenantManagement", "/TenantManagement/Create", $"/TenantManagement/Edit/{demoId}", $"/TenantManagement/Delete/{demoId}" })
        {
            using var response = await host.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        }

        var list = await host.GetStringAsync("/TenantManagement?Search=demo");
        list.ShouldContain("data-testid=\"tenant-row\" data-tenant-name=\"demo\"");
        list.ShouldContain("data-testid=\"nav-tenants\"");
    }

    [Fact]
    public async Task HostAdmin_MissingTenant_Returns404()
    {
        var host = await factory.SignInAsync(null, "admin", AutoTrackerWebFactory.AdminPassword);

        foreach (var path in new[] { $"/TenantManagement/Edit/{Guid.NewGuid()}", $"/TenantManagement/Delete/{Guid.NewGuid()}" })
        {
            using var response = await host.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
        }
    }

    [Fact]
    public async Task TenantAdmin_GetAndPost_Forbidden()
    {
        var demoId = await factory.GetTenantIdAsync("demo");
        var otherId = await factory.CreateTenantWithAdminAsync(NewName());
        var tenantAdmin = await factory.SignInAsync("demo", "admin", AutoTrackerWebFactory.AdminPassword);
        var token = await AutoTrackerWebFactory.GetFormTokenAsync(tenantAdmin, "/Vehicles/Create");
        var before = await TenantsSnapshotAsync();

        (await tenantAdmin.GetStringAsync("/Vehicles")).ShouldNotContain("data-testid=\"nav-tenants\"");
        foreach (var id in new[] { demoId, otherId })
        {
            foreach (var path in new[] { "/TenantManagement", "/TenantManagement/Create", $"/TenantManagement/Edit/{id}", $"/TenantManagement/Delete/{id}" })
            {
                using var response = await tenantAdmin.GetAsync(path);
                response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"GET {path}");
                (await response.Content.ReadAsStringAsync()).ShouldContain("You do not have permission for this page.");
            }

            var posts = new Dictionary<string, Dictionary<string, string>>
            {
                ["/TenantManagement/Create"] = new() { ["Input.Name"] = NewName(), ["Input.AdminEmail"] = "a@b.test", ["Input.AdminPassword"] = TenantPassword },
                [$"/TenantManagement/Edit/{id}"] = new() { ["Input.Name"] = NewName(), ["Input.MaxVehicles"] = "1", ["Input.ConcurrencyStamp"] = "x" },
                [$"/TenantManagement/Delete/{id}"] = new() { ["ConfirmName"] = "demo" },
                [$"/TenantManagement?handler=SetActive&id={id}&active=false"] = [],
                [$"/TenantManagement/Edit/{id}?handler=ReleaseFormerName"] = new() { ["formerName"] = "demo" },
            };
            foreach (var (path, fields) in posts)
            {
                fields["__RequestVerificationToken"] = token;
                using var response = await tenantAdmin.PostAsync(path, new FormUrlEncodedContent(fields));
                response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"POST {path}");
            }
        }

        (await TenantsSnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Create_ValidForm_CreatesTenantAndAdmin()
    {
        var host = await factory.SignInAsync(null, "admin", AutoTrackerWebFactory.AdminPassword);
        var name = NewName();

        using var response = await PostFormAsync(host, "/TenantManagement/Create", new()
        {
            ["Input.Name"] = name,
            ["Input.AdminEmail"] = $"boss@{name}.test",
            ["Input.AdminPassword"] = TenantPassword,
            ["Input.MaxVehicles"] = "5",
            ["Input.MaxUsers"] = string.Empty,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var list = await host.GetStringAsync(response.Headers.Location!.OriginalString);
        list.ShouldContain($"Tenant {name} added.");
        var tenant = await factory.InScopeAsync(null, sp => sp.GetRequiredService<AutoTrackerDbContext>().Tenants.AsNoTracking()
            .SingleAsync(t => t.NormalizedName == name.ToUpperInvariant()));
        tenant.IsActive.ShouldBeTrue();
        tenant.MaxVehicles.ShouldBe(5);
        tenant.MaxUsers.ShouldBeNull();
        using var client = factory.CreateBrowserClient();
        (await AutoTrackerWebFactory.PostLoginAsync(client, name, $"boss@{name}.test", TenantPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("trailing-")]
    [InlineData("demo")]
    public async Task Create_InvalidName_ShowsFieldErrorAndCreatesNothing(string name)
    {
        var host = await factory.SignInAsync(null, "admin", AutoTrackerWebFactory.AdminPassword);
        var before = await TenantsSnapshotAsync();

        using var response = await PostFormAsync(host, "/TenantManagement/Create", new()
        {
            ["Input.Name"] = name,
            ["Input.AdminEmail"] = "boss@example.test",
            ["Input.AdminPassword"] = TenantPassword,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("class=\"text-danger field-validation-error\" data-valmsg-for=\"Input.Name\"");
        (await TenantsSnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Create_RejectedPassword_ShowsFieldErrorAndCreatesNothing()
    {
        var host = await factory.SignInAsync(null, "admin", AutoTrackerWebFactory.AdminPassword);
        var before = await TenantsSnapshotAsync();

        using var response = await PostFormAsync(host, "/TenantManagement/Create", new()
        {
            ["Input.Name"] = NewName(),
            ["Input.AdminEmail"] = "boss@example.test",
            ["Input.AdminPassword"] = "password1234",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("class=\"text-danger field-validation-error\" data-valmsg-for=\"Input.AdminPassword\"");
        (await TenantsSnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Delete_WrongConfirmation_KeepsTenant()
    {
        var host = await factory.SignInAsync(null, "admin", AutoTrackerWebFactory.AdminPassword);
        var name = NewName();
        var id = await factory.CreateTenantWithAdminAsync(name);

        using var wrong = await PostFormAsync(host, $"/TenantManagement/Delete/{id}", new() { ["ConfirmName"] = "demo" });

        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await wrong.Content.ReadAsStringAsync();
        html.ShouldContain("class=\"text-danger field-validation-error\" data-testid=\"confirm-name-error\" data-valmsg-for=\"ConfirmName\"");
        html.ShouldContain($"The name does not match. Type the tenant name {name} to delete the tenant.</span>");
        html.ShouldNotContain("as confirmName");
        (await IsDeletedAsync(id)).ShouldBeFalse();

        using var right = await PostFormAsync(host, $"/TenantManagement/Delete/{id}", new() { ["ConfirmName"] = name.ToUpperInvariant() });

        right.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await IsDeletedAsync(id)).ShouldBeTrue();
        (await host.GetAsync($"/TenantManagement/Edit/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SetActive_FromList_TogglesTenant()
    {
        var host = await factory.SignInAsync(null, "admin", AutoTrackerWebFactory.AdminPassword);
        var name = NewName();
        var id = await factory.CreateTenantWithAdminAsync(name);

        using var deactivate = await PostFormAsync(host, $"/TenantManagement?handler=SetActive&id={id}&active=false&Search={name}", [], "/TenantManagement");

        deactivate.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        deactivate.Headers.Location!.OriginalString.ShouldContain($"Search={name}");
        (await IsActiveAsync(id)).ShouldBeFalse();
        (await host.GetStringAsync(deactivate.Headers.Location!.OriginalString)).ShouldContain($"Tenant {name} deactivated.");

        using var activate = await PostFormAsync(host, $"/TenantManagement?handler=SetActive&id={id}&active=true", [], "/TenantManagement");

        activate.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await IsActiveAsync(id)).ShouldBeTrue();
    }

    [Fact]
    public async Task Edit_StaleStamp_ShowsConflictAndKeepsOtherChange()
    {
        var host = await factory.SignInAsync(null, "admin", AutoTrackerWebFactory.AdminPassword);
        var name = NewName();
        var id = await factory.CreateTenantWithAdminAsync(name);
        var staleStamp = await StampAsync(id);
        using var first = await PostFormAsync(host, $"/TenantManagement/Edit/{id}", new()
        {
            ["Input.Name"] = name, ["Input.MaxVehicles"] = "10", ["Input.ConcurrencyStamp"] = staleStamp,
        });
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var second = await PostFormAsync(host, $"/TenantManagement/Edit/{id}", new()
        {
            ["Input.Name"] = name, ["Input.MaxVehicles"] = "20", ["Input.ConcurrencyStamp"] = staleStamp,
        });

        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await second.Content.ReadAsStringAsync();
        html.ShouldContain("data-testid=\"conflict-message\"");
        html.ShouldContain("Current value: 10");
        (await MaxVehiclesAsync(id)).ShouldBe(10);
    }

    [Fact]
    public async Task Edit_Rename_ListsFormerNameToRelease()
    {
        var host = await factory.SignInAsync(null, "admin", AutoTrackerWebFactory.AdminPassword);
        var formerName = NewName();
        var id = await factory.CreateTenantWithAdminAsync(formerName);
        var newName = NewName();

        using var renamed = await RenameThroughFormAsync(host, id, newName);
        var html = await host.GetStringAsync($"/TenantManagement/Edit/{id}");

        renamed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        html.ShouldContain($"data-testid=\"former-name-row\" data-former-name=\"{formerName}\"");
        html.ShouldContain($"data-confirm=\"Release the former name {formerName}? Any tenant can then take it.\"");
        html.ShouldContain($"<input type=\"hidden\" name=\"formerName\" value=\"{formerName}\" />");
        (await ReservedNamesAsync(id)).ShouldBe([formerName]);

        using var released = await PostFormAsync(host, $"/TenantManagement/Edit/{id}?handler=ReleaseFormerName", new() { ["formerName"] = formerName }, $"/TenantManagement/Edit/{id}");

        released.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        released.Headers.Location!.OriginalString.ShouldBe($"/TenantManagement/Edit/{id}#former-names");
        var after = await host.GetStringAsync($"/TenantManagement/Edit/{id}");
        after.ShouldContain($"The former name {formerName} was released. Any tenant can take it now.");
        after.ShouldContain("data-testid=\"no-former-names\"");
        (await ReservedNamesAsync(id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Edit_ReleaseUnknownFormerName_Returns404()
    {
        var host = await factory.SignInAsync(null, "admin", AutoTrackerWebFactory.AdminPassword);
        var id = await factory.CreateTenantWithAdminAsync(NewName());
        var before = await TenantsSnapshotAsync();

        using var response = await PostFormAsync(host, $"/TenantManagement/Edit/{id}?handler=ReleaseFormerName", new() { ["formerName"] = "demo" }, $"/TenantManagement/Edit/{id}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await TenantsSnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Edit_OtherTenantsFormerName_ShowsFieldError()
    {
        var host = await factory.SignInAsync(null, "admin", AutoTrackerWebFactory.AdminPassword);
        var formerName = NewName();
        var renamedId = await factory.CreateTenantWithAdminAsync(formerName);
        var newName = NewName();
        (await RenameThroughFormAsync(host, renamedId, newName)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var otherId = await factory.CreateTenantWithAdminAsync(NewName());
        var before = await TenantsSnapshotAsync();

        using var response = await RenameThroughFormAsync(host, otherId, formerName);

        await ShouldShowNameErrorAsync(response, $"The tenant name &#x27;{formerName}&#x27; is a former name of tenant &#x27;{newName}&#x27;, which keeps it reserved.");
        (await TenantsSnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Create_NameOfDeletedTenant_SaysDeleted()
    {
        var host = await factory.SignInAsync(null, "admin", AutoTrackerWebFactory.AdminPassword);
        var name = NewName();
        await CreateDeletedTenantAsync(host, name);
        var before = await TenantsSnapshotAsync();

        using var response = await PostFormAsync(host, "/TenantManagement/Create", new()
        {
            ["Input.Name"] = name,
            ["Input.AdminEmail"] = "boss@example.test",
            ["Input.AdminPassword"] = TenantPassword,
        });

        await ShouldShowNameErrorAsync(response, $"The tenant name &#x27;{name}&#x27; belongs to a tenant that was deleted on");
        (await TenantsSnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Index_IncludeDeleted_ShowsDeletedRowReadOnly()
    {
        var host = await factory.SignInAsync(null, "admin", AutoTrackerWebFactory.AdminPassword);
        var name = NewName();
        var id = await CreateDeletedTenantAsync(host, name);
        var deletionTime = (await ReadTenantAsync(id)).DeletionTime!.Value;

        var withoutDeleted = await host.GetStringAsync($"/TenantManagement?Search={name}");
        var withDeleted = await host.GetStringAsync($"/TenantManagement?Search={name}&IncludeDeleted=true");

        withoutDeleted.ShouldNotContain($"data-tenant-name=\"{name}\"");
        withDeleted.ShouldContain($"data-testid=\"tenant-row\" data-tenant-name=\"{name}\" data-tenant-deleted=\"true\"");
        withDeleted.ShouldContain("<span class=\"badge text-bg-danger\" data-testid=\"tenant-status\">Deleted</span>");
        withDeleted.ShouldContain($"data-testid=\"tenant-deletion-time\">Deleted on {deletionTime:yyyy-MM-dd HH:mm} UTC<");
        withDeleted.ShouldContain("checked=\"checked\" data-testid=\"include-deleted\"");
        withDeleted.ShouldNotContain($"/TenantManagement/Edit/{id}");
        withDeleted.ShouldNotContain($"/TenantManagement/Delete/{id}");
        withDeleted.ShouldNotContain("handler=SetActive");
    }

    [Fact]
    public async Task Index_IncludeDeleted_KeptInActionLinks()
    {
        var host = await factory.SignInAsync(null, "admin", AutoTrackerWebFactory.AdminPassword);
        var name = NewName();
        await factory.CreateTenantWithAdminAsync(name);

        var html = await host.GetStringAsync($"/TenantManagement?Search={name}&IncludeDeleted=true");

        html.ShouldContain($"data-tenant-name=\"{name}\" data-tenant-deleted=\"false\"");
        html.ShouldContain("IncludeDeleted=true");
        html.ShouldContain("data-testid=\"deactivate-tenant\"");
    }

    private static string NewName() => $"p-{Guid.NewGuid():N}"[..20];

    /// <summary>Posts the Edit form with the tenant's current concurrency stamp, a new name and no limits.</summary>
    private async Task<HttpResponseMessage> RenameThroughFormAsync(HttpClient host, Guid id, string name) =>
        await PostFormAsync(host, $"/TenantManagement/Edit/{id}", new()
        {
            ["Input.Name"] = name,
            ["Input.ConcurrencyStamp"] = await StampAsync(id),
        });

    /// <summary>Checks that the form came back with an error on the field Name that contains <paramref name="htmlMessage"/>.</summary>
    private static async Task ShouldShowNameErrorAsync(HttpResponseMessage response, string htmlMessage)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("class=\"text-danger field-validation-error\" data-valmsg-for=\"Input.Name\"");
        html.ShouldContain(htmlMessage);
    }

    /// <summary>Creates a tenant and deletes it through the Delete form.</summary>
    private async Task<Guid> CreateDeletedTenantAsync(HttpClient host, string name)
    {
        var id = await factory.CreateTenantWithAdminAsync(name);
        using var response = await PostFormAsync(host, $"/TenantManagement/Delete/{id}", new() { ["ConfirmName"] = name });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return id;
    }

    /// <summary>Posts a form with the antiforgery token of <paramref name="tokenPage"/>, or of <paramref name="path"/> when none is given.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields, string? tokenPage = null)
    {
        fields["__RequestVerificationToken"] = await AutoTrackerWebFactory.GetFormTokenAsync(client, tokenPage ?? path);
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    private Task<TenantEntity> ReadTenantAsync(Guid id) =>
        factory.InScopeAsync(null, sp => sp.GetRequiredService<AutoTrackerDbContext>().Tenants.AsNoTracking().SingleAsync(t => t.Id == id));

    private async Task<bool> IsDeletedAsync(Guid id) => (await ReadTenantAsync(id)).IsDeleted;

    private async Task<bool> IsActiveAsync(Guid id) => (await ReadTenantAsync(id)).IsActive;

    private async Task<int?> MaxVehiclesAsync(Guid id) => (await ReadTenantAsync(id)).MaxVehicles;

    private async Task<string> StampAsync(Guid id) => (await ReadTenantAsync(id)).ConcurrencyStamp;

    private Task<List<string>> ReservedNamesAsync(Guid tenantId) =>
        factory.InScopeAsync(null, sp => sp.GetRequiredService<AutoTrackerDbContext>().ReservedTenantNames
            .Where(r => r.TenantId == tenantId).Select(r => r.Name).ToListAsync());

    private Task<string> TenantsSnapshotAsync() =>
        factory.InScopeAsync(null, async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            var tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Id).ToListAsync();
            var users = await db.Users.IgnoreQueryFilters().CountAsync();
            var reservedNames = await db.ReservedTenantNames.AsNoTracking().OrderBy(r => r.NormalizedName).ToListAsync();
            return string.Join('\n', tenants.Select(t => $"{t.Id} {t.Name} {t.IsActive} {t.IsDeleted} {t.MaxVehicles} {t.MaxUsers} {t.ConcurrencyStamp}"))
                + $"\nusers: {users}\n"
                + string.Join('\n', reservedNames.Select(r => $"{r.NormalizedName} {r.Name} {r.TenantId} {r.ReservationTime:O}"));
        });
}
