using Microsoft.Playwright;

namespace AutoTracker.BrowserTests;

/// <summary>
/// The host admin manages a tenant through the tenant administration pages, and the tenant's admin signs in
/// through the sign-in page as a user of a new customer does.
/// </summary>
[Collection(WebServerCollection.Name)]
public sealed class TenantManagementBrowserTests(WebServerFixture server)
{
    private const string TenantPassword = "new-tenant-browser-passphrase-31";

    [Fact]
    public async Task NewTenant_AdminSignsIn_UntilDeactivated()
    {
        var name = $"fleet-{Guid.NewGuid():N}"[..18];
        await using var host = await server.NewSignedInSessionAsync(string.Empty);
        await CreateTenantAsync(host.Page, name);

        await using var tenantAdmin = await server.NewSessionAsync();
        var page = tenantAdmin.Page;
        await SwitchTenantAsync(page, name);
        await SignInToRememberedTenantAsync(page);

        (await page.TextContentAsync("[data-testid=signed-in-as]"))!.ShouldContain(name);
        page.Url.ShouldContain("/Vehicles");
        (await page.Locator("[data-testid=no-vehicles]").IsVisibleAsync()).ShouldBeTrue();
        (await page.Locator("[data-testid=vehicle-row]").CountAsync()).ShouldBe(0);
        (await page.Locator("[data-testid=nav-tenants]").CountAsync()).ShouldBe(0);

        await DeactivateTenantAsync(host.Page, name);

        // The open session ends on its next request. Tenant resolution caches the remembered tenant for up to 30
        // seconds, so the sign-in page either still offers it, and the sign-in itself fails on the tenant's state,
        // or already reports it as inactive.
        await page.GotoAsync("/Vehicles");
        page.Url.ShouldContain("/Account/Login");
        await page.FillAsync("#Input_UserNameOrEmail", "admin");
        await page.FillAsync("#Input_Password", TenantPassword);
        await page.ClickAsync("main form:not([data-testid=switch-tenant]) button[type=submit]");
        var error = await page.TextContentAsync("[data-testid=login-error]");
        error.ShouldNotBeNull();
        error.ShouldMatch($"Sign-in failed|The remembered tenant '{name}' does not exist or is inactive");
        (await page.Locator("[data-testid=signed-in-as]").CountAsync()).ShouldBe(0);

        await using var freshBrowser = await server.NewSessionAsync();
        var signIn = await Should.ThrowAsync<InvalidOperationException>(
            () => WebServerFixture.SignInAsync(freshBrowser.Page, name, "admin", TenantPassword));
        signIn.Message.ShouldContain("Sign-in failed");

        host.ShouldHaveNoPageProblems();
        tenantAdmin.ShouldHaveNoPageProblems();
        freshBrowser.ShouldHaveNoPageProblems();
    }

    /// <summary>Opens the tenant list from the navigation bar and adds the tenant through the Add tenant form.</summary>
    private static async Task CreateTenantAsync(IPage page, string name)
    {
        await page.ClickAsync("[data-testid=nav-tenants]");
        await page.ClickAsync("[data-testid=add-tenant]");
        await page.FillAsync("#Input_Name", name);
        await page.FillAsync("#Input_AdminEmail", $"admin@{name}.test");
        await page.FillAsync("#Input_AdminPassword", TenantPassword);

        await VehiclePages.SubmitAndWaitForRedirectAsync(page, "tenant-form", url => url.Contains("/TenantManagement?", StringComparison.Ordinal));

        (await page.TextContentAsync("[data-testid=status-message]"))!.ShouldContain($"Tenant {name} added.");
        var row = page.Locator($"[data-testid=tenant-row][data-tenant-name='{name}']");
        (await row.Locator("[data-testid=tenant-status]").InnerTextAsync()).ShouldBe("Active");
    }

    private static async Task DeactivateTenantAsync(IPage page, string name)
    {
        await page.GotoAsync($"/TenantManagement?Search={name}");
        var row = page.Locator($"[data-testid=tenant-row][data-tenant-name='{name}']");

        await row.Locator("[data-testid=deactivate-tenant]").ClickAsync();

        await page.Locator("[data-testid=status-message]").WaitForAsync();
        (await page.TextContentAsync("[data-testid=status-message]"))!.ShouldContain($"Tenant {name} deactivated.");
        (await row.Locator("[data-testid=tenant-status]").InnerTextAsync()).ShouldBe("Inactive");
    }

    /// <summary>Remembers the tenant through the sign-in page's switch tenant form, which then shows it in place of the tenant field.</summary>
    private static async Task SwitchTenantAsync(IPage page, string name)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#SwitchTenantName", name);

        await page.Locator("[data-testid=switch-tenant] button[type=submit]").ClickAsync();

        await page.Locator("[data-testid=fixed-tenant]").WaitForAsync();
        (await page.TextContentAsync("[data-testid=fixed-tenant]"))!.Trim().ShouldBe(name);
    }

    private static async Task SignInToRememberedTenantAsync(IPage page)
    {
        await page.FillAsync("#Input_UserNameOrEmail", "admin");
        await page.FillAsync("#Input_Password", TenantPassword);

        await page.ClickAsync("main form:not([data-testid=switch-tenant]) button[type=submit]");

        await page.Locator("[data-testid=signed-in-as], [data-testid=login-error]").First.WaitForAsync();
        (await page.Locator("[data-testid=login-error]").CountAsync()).ShouldBe(0, "sign-in to the remembered tenant failed");
    }
}
