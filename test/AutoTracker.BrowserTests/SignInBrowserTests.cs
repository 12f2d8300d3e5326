namespace AutoTracker.BrowserTests;

[Collection(WebServerCollection.Name)]
public sealed class SignInBrowserTests(WebServerFixture server)
{
    [Fact]
    public async Task SignIn_DemoAdmin_ShowsVehicleList()
    {
        await using var session = await server.NewSignedInSessionAsync("demo");
        var page = session.Page;

        (await page.TextContentAsync("[data-testid=signed-in-as]"))!.ShouldContain("demo");
        page.Url.ShouldContain("/Vehicles");
        session.ShouldHaveNoPageProblems();
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsGenericError()
    {
        await using var session = await server.NewSessionAsync();
        var page = session.Page;

        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input_TenantName", "demo");
        await page.FillAsync("#Input_UserNameOrEmail", "admin");
        await page.FillAsync("#Input_Password", "not-the-right-password");
        await page.ClickAsync("button[type=submit]");

        (await page.TextContentAsync("[data-testid=login-error]"))!.ShouldContain("Sign-in failed");
        page.Url.ShouldContain("/Account/Login");
        session.ShouldHaveNoPageProblems();
    }
}
