using System.Globalization;
using System.Net;
using System.Text;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.Vehicles;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.Vehicles;

/// <summary>Input rules of the record endpoints and forms over HTTP: dates, money, text characters, list items and racing VINs.</summary>
public sealed class RecordInputApiTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    private static string Tomorrow => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task ServiceRecord_NullLine_Returns400NamingItem()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");
        var vehicle = await VehicleApiTests.CreateVehicleAsync(api, "NullLine");

        using var response = await PostJsonAsync(api, $"/api/app/vehicles/{vehicle.Id}/service-records", """{"date":"2026-01-01","description":"Brakes","meterValue":1000,"lines":[null]}""");

        var errors = await ReadErrorsAsync(response);
        errors.ShouldContainKey("lines[0]");
        (await CountAsync(vehicle.Id)).ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task ServiceRecord_LinesNull_Returns400NamingLines()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");
        var vehicle = await VehicleApiTests.CreateVehicleAsync(api, "NullLines");

        using var response = await PostJsonAsync(api, $"/api/app/vehicles/{vehicle.Id}/service-records", """{"date":"2026-01-01","description":"Brakes","lines":null}""");

        (await ReadErrorsAsync(response)).ShouldContainKey("lines");
        (await CountAsync(vehicle.Id)).ShouldBe((0, 0, 0));
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1899-12-31")]
    [InlineData("9999-12-31")]
    public async Task FuelEntry_DateOutOfRange_Returns400NamingRange(string date)
    {
        var api = await ApiClient.SignInAsync(factory, "demo");
        var vehicle = await VehicleApiTests.CreateVehicleAsync(api, "FuelDate");

        using var response = await api.PostAsync($"/api/app/vehicles/{vehicle.Id}/fuel-entries", FuelBody(date, 1000));

        var errors = await ReadErrorsAsync(response);
        errors["date"].ShouldBe([$"{date} is out of range; the Date must be from 1900-01-01 to {Tomorrow}."]);
        (await CountAsync(vehicle.Id)).ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task MeterReading_FarFuture_IsRejected()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");
        var vehicle = await VehicleApiTests.CreateVehicleAsync(api, "FarFuture");

        using var future = await api.PostAsync($"/api/app/vehicles/{vehicle.Id}/meter-readings", new { date = "9999-12-31", value = 900000 });
        using var today = await api.PostAsync($"/api/app/vehicles/{vehicle.Id}/meter-readings", new { date = Tomorrow, value = 1000 });

        (await ReadErrorsAsync(future)).ShouldContainKey("date");
        today.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await CountAsync(vehicle.Id)).ShouldBe((0, 0, 1));
    }

    [Fact]
    public async Task ServiceLine_AmountAboveMaxMoney_Returns400NamingUnitCost()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");
        var vehicle = await VehicleApiTests.CreateVehicleAsync(api, "HugeLine");
        var body = new
        {
            date = "2026-01-01",
            description = "Engine",
            meterValue = 1000,
            lines = new[] { new { kind = "Part", description = "Engine", quantity = 100000, unitCost = 10000000 } },
        };

        using var response = await api.PostAsync($"/api/app/vehicles/{vehicle.Id}/service-records", body);

        (await ReadErrorsAsync(response)).Keys.ShouldBe(["lines[0].unitCost"], StringComparer.OrdinalIgnoreCase);
        (await CountAsync(vehicle.Id)).ShouldBe((0, 0, 0));
    }

    [Theory]
    [InlineData("""{"date":"2026-01-01","meterValue":1000,"quantity":40,"unit":"Liters","pricePerUnit":1.5,"totalCost":80.00}""", "totalCost")]
    [InlineData("""{"date":"2026-01-01","meterValue":1000,"quantity":40,"unit":"Liters","totalCost":60.001}""", "totalCost")]
    [InlineData("""{"date":"2026-01-01","meterValue":1000,"quantity":40,"unit":"Liters","pricePerUnit":1.5001}""", "pricePerUnit")]
    [InlineData("""{"date":"2026-01-01","meterValue":1000,"quantity":40,"unit":"Liters","totalCost":60,"notes":"Paid\u0000cash"}""", "notes")]
    [InlineData("""{"date":"2026-01-01","meterValue":1000,"quantity":40,"unit":"Liters","totalCost":60,"vendor":"Shell\nMain Street"}""", "vendor")]
    [InlineData("""{"date":"2026-01-01","meterValue":1000,"quantity":40,"unit":"Liters","totalCost":60,"vendor":"Shell \u202Egnp"}""", "vendor")]
    public async Task FuelEntry_InvalidInput_Returns400NamingField(string body, string field)
    {
        var api = await ApiClient.SignInAsync(factory, "demo");
        var vehicle = await VehicleApiTests.CreateVehicleAsync(api, "FuelInput");

        using var response = await PostJsonAsync(api, $"/api/app/vehicles/{vehicle.Id}/fuel-entries", body);

        (await ReadErrorsAsync(response)).Keys.ShouldBe([field], StringComparer.OrdinalIgnoreCase);
        (await CountAsync(vehicle.Id)).ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task Vehicle_ControlCharacterInModel_Returns400()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");
        var tenantId = await factory.GetTenantIdAsync("demo");
        var before = await CountVehiclesAsync(tenantId);

        using var response = await PostJsonAsync(api, "/api/app/vehicles", """{"make":"Test","model":"Bidi\u2067Model","meterUnit":"Miles"}""");

        (await ReadErrorsAsync(response)).Keys.ShouldBe(["model"], StringComparer.OrdinalIgnoreCase);
        (await CountVehiclesAsync(tenantId)).ShouldBe(before);
    }

    [Fact]
    public async Task Vehicle_SixParallelSameVin_OneCreated()
    {
        const string vin = "1FTMW1T88MFA00001";
        var api = await ApiClient.SignInAsync(factory, "demo");
        var tenantId = await factory.GetTenantIdAsync("demo");
        await factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.Where(v => v.Vin == vin).ExecuteDeleteAsync());

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => api.PostAsync("/api/app/vehicles", new { vin, model = $"F-150 #{i}" })));

        try
        {
            responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
            foreach (var rejected in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            {
                rejected.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
                var problem = await ApiClient.ReadJsonAsync(rejected);
                problem.GetProperty("code").GetString().ShouldBe("AutoTracker:Vehicles:VinDuplicate");
                problem.GetProperty("errors").TryGetProperty("vin", out _).ShouldBeTrue();
            }
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }

        var stored = await factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.CountAsync(v => v.Vin == vin));
        stored.ShouldBe(1);
    }

    [Fact]
    public async Task FuelEntryForm_FarFutureDate_ShowsError()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");
        var vehicle = await VehicleApiTests.CreateVehicleAsync(api, "FormDate", "Kilometers");
        var path = $"/Vehicles/{vehicle.Id}/FuelEntries/Create";
        var token = await AutoTrackerWebFactory.GetFormTokenAsync(api.Http, path);

        using var response = await api.Http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Date"] = "9999-12-31",
            ["Input.MeterValue"] = "1000",
            ["Input.Quantity"] = "40",
            ["Input.Unit"] = "Liters",
            ["Input.TotalCost"] = "60.00",
            ["Input.FuelType"] = "Petrol",
            ["__RequestVerificationToken"] = token,
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.ShouldContain($"data-valmsg-for=\"Input.Date\" data-valmsg-replace=\"true\">9999-12-31 is out of range; the Date must be from 1900-01-01 to {Tomorrow}.</span>");
        (await CountAsync(vehicle.Id)).ShouldBe((0, 0, 0));
    }

    private static object FuelBody(string date, double meter) => new
    {
        date,
        meterValue = meter,
        quantity = 40,
        unit = "Liters",
        totalCost = 60.00m,
        fuelType = "Petrol",
    };

    private static Task<HttpResponseMessage> PostJsonAsync(ApiClient api, string url, string json) =>
        api.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<Dictionary<string, string[]>> ReadErrorsAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        var problem = await ApiClient.ReadJsonAsync(response);

        // MVC's own model validation names fields as the C# properties, the services' errors in camelCase.
        return problem.GetProperty("errors").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString()!).ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Counts the vehicle's fuel entries, service records and meter readings, straight from the tables.</summary>
    private async Task<(int FuelEntries, int ServiceRecords, int Readings)> CountAsync(Guid vehicleId)
    {
        var tenantId = await factory.GetTenantIdAsync("demo");
        return await factory.InScopeAsync(tenantId, async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            return (
                await db.FuelEntries.CountAsync(f => f.VehicleId == vehicleId),
                await db.ServiceRecords.CountAsync(s => s.VehicleId == vehicleId),
                await db.MeterReadings.CountAsync(r => r.VehicleId == vehicleId));
        });
    }

    private Task<int> CountVehiclesAsync(Guid tenantId) =>
        factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.CountAsync());
}
