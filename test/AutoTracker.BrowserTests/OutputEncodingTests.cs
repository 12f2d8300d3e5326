using Microsoft.Playwright;

namespace AutoTracker.BrowserTests;

/// <summary>
/// HTML in a vehicle's fields is shown as text on the list, details and edit pages, and no injected script runs.
/// </summary>
/// <remarks>
/// The Content-Security-Policy would block an injected inline script or event handler even where encoding
/// failed, so no dialog would open either way. That is why these tests also assert that the page contains no
/// injected element and that the browser reported no CSP violation.
/// </remarks>
[Collection(WebServerCollection.Name)]
public sealed class OutputEncodingTests(WebServerFixture server)
{
    private const string Model = "<img src=x onerror=alert(1)><script>alert(1)</script>";

    /// <summary>Ends the value attribute of the edit form's input if the value is not encoded.</summary>
    private const string Trim = "\"><svg onload=alert(2)>";

    private const string Notes = "<script>alert(1)</script>\n<img src=x onerror=alert(1)>";

    private const string Plate = "XSS-101";

    [Fact]
    public async Task VehiclePages_MarkupInFields_ShowsItAsText()
    {
        await using var session = await server.NewSignedInSessionAsync("demo");
        var page = session.Page;

        await page.GotoAsync("/Vehicles/Create");
        await page.FillAsync("#Input_Make", "Markup");
        await page.FillAsync("#Input_Model", Model);
        await page.FillAsync("#Input_Trim", Trim);
        await page.FillAsync("#Input_Plate", Plate);
        await page.FillAsync("#Input_Notes", Notes);
        var id = await VehiclePages.SaveNewVehicleAsync(page);

        var listRows = await VehiclePages.SearchAsync(page, Plate);
        (await listRows.CountAsync()).ShouldBe(1);
        (await listRows.Locator("[data-testid=vehicle-model]").InnerTextAsync()).ShouldBe(Model);
        await ShouldContainNoInjectedElementsAsync(page);

        var details = await page.GotoAsync($"/Vehicles/Details/{id}");
        details.ShouldNotBeNull().Status.ShouldBe(200);
        (await page.InnerTextAsync("[data-testid=vehicle-model]")).ShouldBe(Model);
        (await page.InnerTextAsync("[data-testid=vehicle-title]")).ShouldBe($"Markup {Model} {Trim}");
        // A form sends the textarea's line break as CRLF, so line endings are compared after normalizing them.
        (await page.Locator("[data-testid=vehicle-notes]").TextContentAsync()).ShouldNotBeNull().ReplaceLineEndings("\n").ShouldBe(Notes);
        (await page.TitleAsync()).ShouldBe($"Markup {Model} {Trim} - AutoTracker");
        await ShouldContainNoInjectedElementsAsync(page);

        await page.GotoAsync($"/Vehicles/Edit/{id}");
        (await page.InputValueAsync("#Input_Model")).ShouldBe(Model);
        (await page.InputValueAsync("#Input_Trim")).ShouldBe(Trim);
        (await page.InputValueAsync("#Input_Notes")).ReplaceLineEndings("\n").ShouldBe(Notes);
        await ShouldContainNoInjectedElementsAsync(page);

        session.ShouldHaveNoPageProblems();
    }

    [Fact]
    public async Task VehiclePages_Response_SendsContentSecurityPolicy()
    {
        await using var session = await server.NewSignedInSessionAsync("demo");
        var page = session.Page;

        foreach (var path in new[] { "/Vehicles", "/Vehicles/Create" })
        {
            var response = (await page.GotoAsync(path)).ShouldNotBeNull();
            var policy = await response.HeaderValueAsync("content-security-policy");

            policy.ShouldNotBeNull($"GET {path} sent no Content-Security-Policy header.");
            policy.ShouldContain("script-src 'self' 'nonce-", Case.Sensitive, $"GET {path}: script-src must allow only this origin and the nonce.");
            policy.ShouldNotContain("unsafe-inline", Case.Sensitive, $"GET {path}: the policy must not allow inline script or style.");
            policy.ShouldContain("object-src 'none'", Case.Sensitive, $"GET {path}: plugins must be blocked.");
        }

        session.ShouldHaveNoPageProblems();
    }

    /// <summary>Asserts that none of the test's markup became an element, whether or not its script would have run.</summary>
    private static async Task ShouldContainNoInjectedElementsAsync(IPage page)
    {
        (await page.Locator("img[src=x]").CountAsync()).ShouldBe(0, $"{page.Url} contains an injected img element.");
        (await page.Locator("svg[onload]").CountAsync()).ShouldBe(0, $"{page.Url} contains an injected svg element.");

        // The app loads all of its scripts from files, so any script without a src attribute was injected.
        (await page.Locator("script:not([src])").CountAsync()).ShouldBe(0, $"{page.Url} contains an inline script element.");
    }
}
