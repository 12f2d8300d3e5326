namespace AutoTracker.BrowserTests;

public sealed class SignInBrowserTests(WebServerFixture server) : IClassFixture<WebServerFixture>
{
    [Fact]
    public async Task SignIn_DemoAdmin_ShowsVehicleList()
    {
        var page = await server.NewSignedInPageAsync("demo");

        (await page.TextContentAsync("[data-testid=signed-in-as]"))!.ShouldContain("demo");
        page.Url.ShouldContain("/Vehicles");
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsGenericError()
    {
        var context = await server.Browser.NewContextAsync(new() { BaseURL = server.BaseUrl });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input_TenantName", "demo");
        await page.FillAsync("#Input_UserNameOrEmail", "admin");
        await page.FillAsync("#Input_Password", "not-the-right-password");
        await page.ClickAsync("button[type=submit]");

        (await page.TextContentAsync("[data-testid=login-error]"))!.ShouldContain("Sign-in failed");
        page.Url.ShouldContain("/Account/Login");
    }
}
