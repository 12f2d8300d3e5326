using static Microsoft.Playwright.Assertions;

namespace AutoTracker.BrowserTests;

[Collection(WebServerCollection.Name)]
public sealed class VehicleFormTests(WebServerFixture server)
{
    /// <summary>
    /// VIN of a 2010 Toyota Camry built in Kentucky, which the demo tenant does not contain. Its WMI 4T1 is
    /// "TOYOTA MOTOR MANUFACTURING, KENTUCKY, INC." (brand Toyota) in the vPIC table, its check digit 5 is
    /// correct, and its year code A means 2010 because position 7 is a letter.
    /// </summary>
    private const string CamryVin = "4T1BB3EK5AU118081";

    /// <summary>The Camry's VIN with 6 in place of its check digit 5. The app rejects a wrong check digit in North American VINs (first character 1-5).</summary>
    private const string CamryVinWithWrongCheckDigit = "4T1BB3EK6AU118081";

    [Fact]
    public async Task Create_RealVinAndModel_ShowsDecodedMakeAndYear()
    {
        await using var session = await server.NewSignedInSessionAsync("demo");
        var page = session.Page;
        await page.ClickAsync("[data-testid=add-vehicle]");

        // Typed key by key, as a user does, so the form decodes on the input events.
        await page.Locator("#Input_Vin").PressSequentiallyAsync(CamryVin);
        await page.FillAsync("#Input_Model", "Camry");

        var decodePanel = page.Locator("[data-testid=vin-decode]");
        await Expect(decodePanel.Locator("[data-vin-field=make]")).ToHaveTextAsync("Toyota");
        await Expect(decodePanel.Locator("[data-vin-field=manufacturer]")).ToHaveTextAsync("TOYOTA MOTOR MANUFACTURING, KENTUCKY, INC.");
        await Expect(decodePanel.Locator("[data-vin-field=modelYear]")).ToHaveTextAsync("2010");
        await Expect(decodePanel.Locator("[data-vin-check]")).ToHaveTextAsync("Passed");
        (await page.InputValueAsync("#Input_Make")).ShouldBe("Toyota");
        (await page.InputValueAsync("#Input_ModelYear")).ShouldBe("2010");

        await VehiclePages.SaveNewVehicleAsync(page);

        (await page.InnerTextAsync("[data-testid=status-message]")).ShouldContain("Vehicle added.");
        (await page.InnerTextAsync("[data-testid=vehicle-title]")).ShouldBe("2010 Toyota Camry");
        (await page.InnerTextAsync("[data-testid=vehicle-make]")).ShouldBe("Toyota");
        (await page.InnerTextAsync("[data-testid=vehicle-model]")).ShouldBe("Camry");
        (await page.InnerTextAsync("[data-testid=vehicle-model-year]")).ShouldBe("2010");
        (await page.InnerTextAsync("[data-testid=vin]")).ShouldBe(CamryVin);
        (await page.InnerTextAsync("[data-testid=vin-manufacturer]")).ShouldBe("TOYOTA MOTOR MANUFACTURING, KENTUCKY, INC.");
        (await page.InnerTextAsync("[data-testid=vin-check]")).ShouldBe("Passed");
        session.ShouldHaveNoPageProblems();
    }

    [Fact]
    public async Task Create_WrongCheckDigit_ShowsVinErrorAndSavesNothing()
    {
        const string model = "Camry with mistyped VIN";
        await using var session = await server.NewSignedInSessionAsync("demo");
        var page = session.Page;
        await page.ClickAsync("[data-testid=add-vehicle]");

        await page.Locator("#Input_Vin").PressSequentiallyAsync(CamryVinWithWrongCheckDigit);
        await page.FillAsync("#Input_Make", "Toyota");
        await page.FillAsync("#Input_Model", model);

        // The live decode already names the problem before the form is sent.
        var decodePanel = page.Locator("[data-testid=vin-decode]");
        await Expect(decodePanel.Locator("[data-vin-check]")).ToHaveTextAsync("Failed");
        await Expect(decodePanel.Locator("[data-vin-problem]")).ToContainTextAsync("check digit (position 9) is 6");

        await page.Locator("[data-testid=vehicle-form] button[type=submit]").ClickAsync();

        // The message is in the VIN field's own column, right under the field and its help text.
        var vinError = page.Locator("div:has(> #Input_Vin) > .field-validation-error[data-valmsg-for='Input.Vin']");
        await Expect(vinError).ToContainTextAsync("The check digit (position 9) is 6 but the other characters give 5");
        page.Url.ShouldEndWith("/Vehicles/Create");
        (await page.InputValueAsync("#Input_Vin")).ShouldBe(CamryVinWithWrongCheckDigit);

        var rowsForVin = await VehiclePages.SearchAsync(page, CamryVinWithWrongCheckDigit);
        (await rowsForVin.CountAsync()).ShouldBe(0);
        (await page.Locator("[data-testid=no-vehicles]").IsVisibleAsync()).ShouldBeTrue();

        var rowsForModel = await VehiclePages.SearchAsync(page, model);
        (await rowsForModel.CountAsync()).ShouldBe(0);
        session.ShouldHaveNoPageProblems();
    }
}
