using Microsoft.Playwright;

namespace AutoTracker.BrowserTests;

/// <summary>
/// Fuel economy on the vehicle details page, from three full-tank fill-ups entered through the fuel entry form
/// for a vehicle whose meter counts kilometres. The demo tenant's preferred unit is L/100 km.
/// </summary>
/// <remarks>
/// The expected figures, worked out by hand:
/// <list type="bullet">
/// <item>The first fill-up (12,000 km, 30 L) only fills the tank, so its fuel is not counted.</item>
/// <item>Interval 1: 12,400 - 12,000 = 400 km on 32 L, so 32 / 400 × 100 = 8.00 L/100 km.</item>
/// <item>Interval 2: 13,000 - 12,400 = 600 km on 39 L, so 39 / 600 × 100 = 6.50 L/100 km.</item>
/// <item>
/// Average: all fuel over all distance, (32 + 39) / (400 + 600) × 100 = 7.10 L/100 km. The mean of the two
/// interval figures would be 7.25, so the test also distinguishes the two methods.
/// </item>
/// <item>
/// In mpg (US), with 1 mi = 1.609344 km and 1 US gal = 3.785411784 L: the average is
/// (1,000 / 1.609344 = 621.371 mi) / (71 / 3.785411784 = 18.7562 gal) = 33.13 mpg. Interval 1 is
/// 248.548 mi / 8.45351 gal = 29.40 mpg, and interval 2 is 372.823 mi / 10.3027 gal = 36.19 mpg.
/// </item>
/// <item>Fuel cost at 1.50 per litre: (30 + 32 + 39) × 1.50 = 151.50.</item>
/// </list>
/// </remarks>
[Collection(WebServerCollection.Name)]
public sealed class FuelEconomyTests(WebServerFixture server)
{
    private static readonly FillUp[] FillUps =
    [
        new("2025-03-01", 12_000, 30),
        new("2025-03-15", 12_400, 32),
        new("2025-03-29", 13_000, 39),
    ];

    [Fact]
    public async Task Details_ThreeFullTanks_ShowsHandComputedEconomy()
    {
        await using var session = await server.NewSignedInSessionAsync("demo");
        var page = session.Page;

        await AddVehicleWithFillUpsAsync(page, "Golf in L/100 km");

        await page.ClickAsync("#economy-tab");
        (await VehiclePages.NormalizedTextAsync(page.Locator("[data-testid=economy-average]"))).ShouldBe("7.10 L/100 km");
        (await VehiclePages.NormalizedTextsAsync(page.Locator("[data-testid=economy-interval-value]"))).ShouldBe(["8.00 L/100 km", "6.50 L/100 km"]);
        (await VehiclePages.NormalizedTextsAsync(page.Locator("[data-testid=economy-interval-distance]"))).ShouldBe(["400 km", "600 km"]);
        (await page.InnerTextAsync("[data-testid=economy-fill-ups]")).ShouldBe("3");
        (await page.InnerTextAsync("[data-testid=economy-fuel-cost]")).ShouldBe("151.50");
        (await page.InnerTextAsync("[data-testid=economy-currency]")).ShouldBe("EUR");
        (await VehiclePages.NormalizedTextAsync(page.Locator("[data-testid=current-meter]"))).ShouldBe("13,000 km");
        session.ShouldHaveNoPageProblems();
    }

    [Fact]
    public async Task Details_UnitSelectorMpg_ShowsConvertedEconomy()
    {
        await using var session = await server.NewSignedInSessionAsync("demo");
        var page = session.Page;

        await AddVehicleWithFillUpsAsync(page, "Golf in mpg");

        await page.ClickAsync("#economy-tab");
        (await VehiclePages.NormalizedTextAsync(page.Locator("[data-testid=economy-average]"))).ShouldBe("7.10 L/100 km");

        // The selector submits its form when the choice changes, so the test does not press Show.
        await page.SelectOptionAsync("#EconomyUnit", "MilesPerUsGallon");
        await page.WaitForURLAsync(url => url.Contains("EconomyUnit=MilesPerUsGallon", StringComparison.Ordinal));

        (await VehiclePages.NormalizedTextAsync(page.Locator("[data-testid=economy-average]"))).ShouldBe("33.13 mpg (US)");
        (await VehiclePages.NormalizedTextsAsync(page.Locator("[data-testid=economy-interval-value]"))).ShouldBe(["29.40 mpg (US)", "36.19 mpg (US)"]);
        (await page.InputValueAsync("#EconomyUnit")).ShouldBe("MilesPerUsGallon");

        // The empty choice still names the tenant's preferred unit, which it switches back to, not the unit now shown.
        (await page.Locator("#EconomyUnit option[value='']").TextContentAsync()).ShouldBe("Preferred unit (L/100 km)");
        session.ShouldHaveNoPageProblems();
    }

    /// <summary>Adds a vehicle with a kilometre meter through the Add vehicle form, then the <see cref="FillUps"/> through the fuel entry form.</summary>
    private static async Task AddVehicleWithFillUpsAsync(IPage page, string model)
    {
        await page.GotoAsync("/Vehicles");
        await page.ClickAsync("[data-testid=add-vehicle]");
        await page.FillAsync("#Input_Make", "Volkswagen");
        await page.FillAsync("#Input_Model", model);
        await page.FillAsync("#Input_ModelYear", "2019");
        await page.SelectOptionAsync("#Input_MeterUnit", "Kilometers");
        await VehiclePages.SaveNewVehicleAsync(page);

        foreach (var fillUp in FillUps)
        {
            await page.ClickAsync("#fuel-entries-tab");
            await page.ClickAsync("[data-testid=add-fuel-entry]");
            await page.FillAsync("#Input_Date", fillUp.Date);
            await page.FillAsync("#Input_MeterValue", fillUp.MeterKilometers.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.SelectOptionAsync("#Input_FuelType", "Petrol");
            await page.FillAsync("#Input_Quantity", fillUp.Liters.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.SelectOptionAsync("#Input_Unit", "Liters");
            await page.FillAsync("#Input_PricePerUnit", "1.50");
            await page.SetCheckedAsync("#Input_IsFullTank", true);
            await page.SetCheckedAsync("#Input_IsMissedFillUp", false);
            await VehiclePages.SubmitAndWaitForRedirectAsync(page, "fuel-entry-form", url => url.Contains("/Vehicles/Details/", StringComparison.Ordinal));
            (await page.InnerTextAsync("[data-testid=status-message]")).ShouldContain("Fuel entry added.");
        }

        (await page.Locator("[data-testid=fuel-entry-table] tbody tr").CountAsync()).ShouldBe(FillUps.Length);
    }

    /// <summary>A full-tank fill-up: date as the date field takes it (yyyy-MM-dd), meter in km, quantity in litres.</summary>
    private sealed record FillUp(string Date, int MeterKilometers, int Liters);
}
