using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AutoTracker.BrowserTests;

/// <summary>The import page in Chromium: the upload's size checks, the odometer option, and the commit's progress and result texts.</summary>
[Collection(WebServerCollection.Name)]
public sealed class ImportPageTests(WebServerFixture server)
{
    /// <summary>Size of a file that the page rejects: 3 MB, above the 2 MB file limit and the request limit.</summary>
    private const int OversizedBytes = 3 * 1024 * 1024;

    [Theory]
    [InlineData(1, "1 record imported.")]
    [InlineData(2, "2 records imported.")]
    public async Task Commit_SmallFile_ShowsFinalCountAndResult(int vehicleCount, string result)
    {
        await using var session = await server.NewSignedInSessionAsync("demo");
        var page = session.Page;
        var rows = Enumerable.Range(1, vehicleCount).Select(i => $"Importmake,Commit {vehicleCount}-{i} {Guid.NewGuid():N},Miles");
        var csv = "make,model,meter_unit\n" + string.Join('\n', rows) + "\n";

        await page.GotoAsync("/Vehicles/Import?recordKind=Vehicles");
        await page.SelectOptionAsync("#Format", "AutoTracker");
        await page.SetInputFilesAsync("#Upload", new FilePayload { Name = "vehicles.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.ClickAsync("[data-testid=preview-button]");
        await Expect(page.Locator("[data-testid=preview-row-count]")).ToHaveTextAsync(vehicleCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("[data-testid=commit-button]");

        await Expect(page.Locator("[data-testid=import-result]")).ToHaveTextAsync(result);
        await Expect(page.Locator("[data-import-progress-text]")).ToHaveTextAsync($"{vehicleCount} of {vehicleCount} rows");
        session.ShouldHaveNoPageProblems();
    }

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

    [Fact]
    public async Task UploadForm_OdometerOption_ShownOnlyForServiceRecords()
    {
        await using var session = await server.NewSignedInSessionAsync("demo");
        var page = session.Page;
        var option = page.Locator("[data-service-option]");

        await page.GotoAsync("/Vehicles/Import?recordKind=FuelEntries");
        await Expect(option).ToBeHiddenAsync();
        await page.SelectOptionAsync("#RecordKind", "ServiceRecords");
        await Expect(option).ToBeVisibleAsync();
        await Expect(option).ToContainTextAsync("Keep the service odometer values as notes");
        await page.SelectOptionAsync("#RecordKind", "Vehicles");
        await Expect(option).ToBeHiddenAsync();
        session.ShouldHaveNoPageProblems();
    }

    private static FilePayload OversizedFile()
    {
        var content = new byte[OversizedBytes];
        Array.Fill(content, (byte)'a');
        return new FilePayload { Name = "large.csv", MimeType = "text/csv", Buffer = content };
    }
}
