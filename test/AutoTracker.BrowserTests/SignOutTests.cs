using Microsoft.Playwright;

namespace AutoTracker.BrowserTests;

/// <summary>
/// Sign out ends the session in the browser and on the server. Each sign out renews the demo admin's security
/// stamp, which also ends the admin's other sessions. No other test loses its session, because the collection
/// runs its tests one at a time and each test signs in on its own.
/// </summary>
[Collection(WebServerCollection.Name)]
public sealed class SignOutTests(WebServerFixture server)
{
    [Fact]
    public async Task SignOut_ThenOpenVehicles_ShowsSignInPage()
    {
        await using var session = await server.NewSignedInSessionAsync("demo");
        var page = session.Page;
        await SignOutFromVehicleListAsync(page);

        await page.GotoAsync("/Vehicles");

        await ShouldBeOnSignInPageAsync(page);
        page.Url.ShouldContain("ReturnUrl=%2FVehicles");
        session.ShouldHaveNoPageProblems();
    }

    [Fact]
    public async Task SignOut_ThenBackButton_ShowsNoVehicleList()
    {
        await using var session = await server.NewSignedInSessionAsync("demo");
        var page = session.Page;
        await SignOutFromVehicleListAsync(page);

        await page.GoBackAsync();

        await ShouldBeOnSignInPageAsync(page);
        session.ShouldHaveNoPageProblems();
    }

    [Fact]
    public async Task SignOut_CopiedSessionCookie_IsRejected()
    {
        await using var session = await server.NewSignedInSessionAsync("demo");
        var page = session.Page;
        var cookiesBeforeSignOut = await session.Context.CookiesAsync();
        await SignOutFromVehicleListAsync(page);

        // A second browser with the cookies as they were before sign out, as if someone had copied them.
        await using var copy = await server.NewSessionAsync();
        await copy.Context.AddCookiesAsync(cookiesBeforeSignOut.Select(ToCookie));
        await copy.Page.GotoAsync("/Vehicles");

        await ShouldBeOnSignInPageAsync(copy.Page);
        session.ShouldHaveNoPageProblems();
        copy.ShouldHaveNoPageProblems();
    }

    private static async Task SignOutFromVehicleListAsync(IPage page)
    {
        await page.GotoAsync("/Vehicles");
        (await page.Locator("[data-testid=vehicle-table]").IsVisibleAsync()).ShouldBeTrue("The vehicle list must show before sign out, or the test proves nothing.");

        await page.ClickAsync("[data-testid=sign-out]");
        await page.WaitForURLAsync(url => url.Contains("/Account/Login", StringComparison.Ordinal));
    }

    private static async Task ShouldBeOnSignInPageAsync(IPage page)
    {
        page.Url.ShouldContain("/Account/Login");
        (await page.Locator("#Input_Password").IsVisibleAsync()).ShouldBeTrue("The sign-in form is not shown.");
        (await page.Locator("[data-testid=signed-in-as]").CountAsync()).ShouldBe(0, "The navigation bar still shows a signed-in user.");
        (await page.Locator("[data-testid=vehicle-table]").CountAsync()).ShouldBe(0, "The vehicle list is still shown.");
    }

    private static Cookie ToCookie(BrowserContextCookiesResult cookie) => new()
    {
        Name = cookie.Name,
        Value = cookie.Value,
        Domain = cookie.Domain,
        Path = cookie.Path,
        Expires = cookie.Expires,
        HttpOnly = cookie.HttpOnly,
        Secure = cookie.Secure,
        SameSite = cookie.SameSite,
    };
}
