using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AutoTracker.BrowserTests;

/// <summary>The import page in Chromium: the upload's size checks.</summary>
[Collection(WebServerCollection.Name)]
public sealed class ImportPageTests(WebServerFixture server)
{
    /// <summary>Size of a file that the page rejects: 3 MB, above the 2 MB file limit and the request limit.</summary>
    private const int OversizedBytes = 3 * 1024 * 1024;

    [Fact]
    public async Task Upload_OversizedFile_ScriptShowsLimitWithoutSending()
    {
        await using var session = await server.NewSignedInSessionAsync("demo");
        var page = session.Page;

        await page.GotoAsync("/Vehicles/Import?recordKind=Vehicles");
        await page.SetInputFilesAsync("#Upload", OversizedFile());
        await page.ClickAsync("[data-testid=preview-button]");

        await Expect(page.Locator("[data-file-message]")).ToHaveTextAsync("The file is larger than 2 MB. Split it into smaller files.");
        page.Url.ShouldEndWith("/Vehicles/Import?recordKind=Vehicles");
        session.ShouldHaveNoPageProblems();
    }

    [Fact]
    public async Task Upload_OversizedFileWithoutScript_ServerShowsLimit()
    {
        await using var session = await server.NewSignedInSessionAsync("demo");
        var page = session.Page;

        await page.GotoAsync("/Vehicles/Import?recordKind=Vehicles");
        await page.SetInputFilesAsync("#Upload", OversizedFile());

        // form.submit() skips the submit event, so the page's own size check does not run, as with scripts off.
        await page.Locator("[data-testid=import-form]").EvaluateAsync("form => form.submit()");
        await page.WaitForURLAsync(url => url.Contains("fileTooLarge=", StringComparison.Ordinal));

        await Expect(page.Locator(".field-validation-error[data-valmsg-for=Upload]")).ToHaveTextAsync("The file is larger than 2 MB. Split it into smaller files.");
        page.Url.ShouldContain("recordKind=Vehicles");
        session.ShouldHaveNoPageProblems();
    }

    private static FilePayload OversizedFile()
    {
        var content = new byte[OversizedBytes];
        Array.Fill(content, (byte)'a');
        return new FilePayload { Name = "large.csv", MimeType = "text/csv", Buffer = content };
    }
}
