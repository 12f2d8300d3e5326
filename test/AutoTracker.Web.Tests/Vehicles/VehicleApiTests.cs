using System.Net;
using System.Text.Json;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.Vehicles;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.Vehicles;

public sealed class VehicleApiTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    private const string HondaVin = "5FNYF5H59HB011946";

    [Fact]
    public async Task Create_VinOnly_DecodesMakeAndYear()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");
        var tenantId = await factory.GetTenantIdAsync("demo");
        await DeleteVinAsync(tenantId, "1FTMW1T88MFA00001");

        using var response = await api.PostAsync("/api/app/vehicles", new { vin = " 1ftmw1t88mfa00001 ", model = "F-150", meterUnit = "Miles" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var vehicle = await ApiClient.ReadAsync<VehicleDto>(response);
        vehicle.Vin.ShouldBe("1FTMW1T88MFA00001");
        vehicle.Make.ShouldBe("Ford");
        vehicle.ModelYear.ShouldBe(2021);
        vehicle.VinCheck.ShouldBe(VinCheckState.Passed);
        vehicle.VinRegion.ShouldBe("North America");
    }

    [Theory]
    [InlineData("{\"vin\":\"ABC\",\"model\":\"X\",\"make\":\"Y\"}", "vin")]
    [InlineData("{\"vin\":\"1FTMW1T89MFA00001\",\"model\":\"X\",\"make\":\"Y\"}", "vin")]
    [InlineData("{\"vin\":\"1FTMW1T88MFAO0001\",\"model\":\"X\",\"make\":\"Y\"}", "vin")]
    [InlineData("{\"model\":\"X\",\"make\":\"Y\",\"modelYear\":1800}", "modelYear")]
    [InlineData("{\"model\":\"X\",\"make\":\"Y\",\"kind\":\"Spaceship\"}", "$.kind")]
    [InlineData("{\"model\":\"X\",\"make\":\"Y\",\"kind\":7}", "$.kind")]
    [InlineData("{\"model\":\"\",\"make\":\"Y\"}", "model")]
    [InlineData("{\"model\":\"X\"}", "make")]
    [InlineData("{\"model\":\"X\",\"make\":\"Y\",\"plate\":\"ABCDEFGHIJKLMNOPQRSTUVWXYZ\"}", "plate")]
    public async Task Create_InvalidField_Returns400NamingFieldAndSavesNothing(string body, string field)
    {
        var api = await ApiClient.SignInAsync(factory, "demo");
        var tenantId = await factory.GetTenantIdAsync("demo");
        var before = await CountVehiclesAsync(tenantId);

        using var response = await api.PostAsync("/api/app/vehicles", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await ApiClient.ReadJsonAsync(response);
        var errors = problem.GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).ShouldContain(name => name.Equals(field, StringComparison.OrdinalIgnoreCase), body);
        (await CountVehiclesAsync(tenantId)).ShouldBe(before);
    }

    [Fact]
    public async Task Create_DuplicateVin_Returns400AndKeepsOne()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");
        var tenantId = await factory.GetTenantIdAsync("demo");

        using var response = await api.PostAsync("/api/app/vehicles", new { vin = HondaVin, model = "Pilot" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await ApiClient.ReadJsonAsync(response);
        problem.GetProperty("code").GetString().ShouldBe("AutoTracker:Vehicles:VinDuplicate");
        factory.InScope(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.Count(v => v.Vin == HondaVin)).ShouldBe(1);
    }

    [Fact]
    public async Task Update_StaleConcurrencyStamp_Returns409AndKeepsFirstChange()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");
        var vehicle = await CreateVehicleAsync(api, "Stamp");

        using var first = await api.PutAsync($"/api/app/vehicles/{vehicle.Id}", UpdateBody(vehicle, "First", vehicle.ConcurrencyStamp));
        using var second = await api.PutAsync($"/api/app/vehicles/{vehicle.Id}", UpdateBody(vehicle, "Second", vehicle.ConcurrencyStamp));

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        second.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var stored = await ApiClient.ReadAsync<VehicleDto>(await api.GetAsync($"/api/app/vehicles/{vehicle.Id}"));
        stored.Model.ShouldBe("First");
    }

    [Fact]
    public async Task OtherTenantsVehicle_AnyVerb_Returns404LikeRandomIdAndLeavesRowUnchanged()
    {
        var otherTenant = await factory.CreateTenantWithAdminAsync($"other{Guid.NewGuid():N}"[..16]);
        var otherTenantName = factory.InScope(null, sp => sp.GetRequiredService<AutoTrackerDbContext>().Tenants.Single(t => t.Id == otherTenant).Name);
        var other = await ApiClient.SignInAsync(factory, otherTenantName);
        var foreign = await CreateVehicleAsync(other, "Foreign");
        var demo = await ApiClient.SignInAsync(factory, "demo");
        var randomId = Guid.NewGuid();

        foreach (var (method, body) in new (HttpMethod, Func<Guid, object?>)[]
        {
            (HttpMethod.Get, _ => null),
            (HttpMethod.Put, _ => UpdateBody(foreign, "Hijacked", foreign.ConcurrencyStamp)),
            (HttpMethod.Delete, _ => null),
        })
        {
            using var foreignResponse = await demo.SendAsync(method, $"/api/app/vehicles/{foreign.Id}", body(foreign.Id));
            using var randomResponse = await demo.SendAsync(method, $"/api/app/vehicles/{randomId}", body(randomId));

            foreignResponse.StatusCode.ShouldBe(HttpStatusCode.NotFound, method.Method);
            randomResponse.StatusCode.ShouldBe(HttpStatusCode.NotFound, method.Method);
            Normalize(await foreignResponse.Content.ReadAsStringAsync()).ShouldBe(Normalize(await randomResponse.Content.ReadAsStringAsync()));
        }

        using var fuel = await demo.PostAsync($"/api/app/vehicles/{foreign.Id}/fuel-entries", FuelBody(100));
        fuel.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var stored = factory.InScope(otherTenant, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.AsNoTracking().Single(v => v.Id == foreign.Id));
        stored.Model.ShouldBe("Foreign");
        stored.ConcurrencyStamp.ShouldBe(foreign.ConcurrencyStamp);
        factory.InScope(otherTenant, sp => sp.GetRequiredService<AutoTrackerDbContext>().FuelEntries.Count(f => f.VehicleId == foreign.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task FuelEntries_FullFillUps_ReportEconomy()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");
        var vehicle = await CreateVehicleAsync(api, "Economy", "Kilometers");

        (await api.PostAsync($"/api/app/vehicles/{vehicle.Id}/fuel-entries", FuelBody(10000, 40, "2026-01-01"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await api.PostAsync($"/api/app/vehicles/{vehicle.Id}/fuel-entries", FuelBody(10500, 35, "2026-01-10"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await api.PostAsync($"/api/app/vehicles/{vehicle.Id}/fuel-entries", FuelBody(11000, 30, "2026-01-20"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var response = await api.GetAsync($"/api/app/vehicles/{vehicle.Id}/fuel-economy?unit=LitersPer100Kilometers");

        var economy = await ApiClient.ReadAsync<FuelEconomySummaryDto>(response);
        economy.Intervals.Count.ShouldBe(2);
        economy.Intervals[0].Value.ShouldBe(7.0, 1e-9); // 35 L over 500 km
        economy.Intervals[1].Value.ShouldBe(6.0, 1e-9); // 30 L over 500 km
        economy.Average!.Value.ShouldBe(6.5, 1e-9); // 65 L over 1000 km
    }

    [Fact]
    public async Task FuelEntry_MeterBelowPrevious_Returns400AndSavesNothing()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");
        var vehicle = await CreateVehicleAsync(api, "Meter", "Kilometers");
        (await api.PostAsync($"/api/app/vehicles/{vehicle.Id}/fuel-entries", FuelBody(5000, 40, "2026-02-01"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var response = await api.PostAsync($"/api/app/vehicles/{vehicle.Id}/fuel-entries", FuelBody(4000, 40, "2026-02-05"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await ApiClient.ReadJsonAsync(response);
        problem.GetProperty("errors").TryGetProperty("meterValue", out _).ShouldBeTrue();
        var tenantId = await factory.GetTenantIdAsync("demo");
        factory.InScope(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().FuelEntries.Count(f => f.VehicleId == vehicle.Id)).ShouldBe(1);
        factory.InScope(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().MeterReadings.Count(f => f.VehicleId == vehicle.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task MeterReading_ResetBelowPrevious_IsAccepted()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");
        var vehicle = await CreateVehicleAsync(api, "Reset", "Kilometers");
        (await api.PostAsync($"/api/app/vehicles/{vehicle.Id}/meter-readings", new { date = "2026-03-01", value = 90000 })).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var rejected = await api.PostAsync($"/api/app/vehicles/{vehicle.Id}/meter-readings", new { date = "2026-03-02", value = 12 });
        using var accepted = await api.PostAsync($"/api/app/vehicles/{vehicle.Id}/meter-readings", new { date = "2026-03-02", value = 12, isReset = true });

        rejected.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        accepted.StatusCode.ShouldBe(HttpStatusCode.Created);
        var stored = await ApiClient.ReadAsync<VehicleDto>(await api.GetAsync($"/api/app/vehicles/{vehicle.Id}"));
        stored.CurrentMeter.ShouldBe(12);
    }

    [Theory]
    [InlineData("sort=Vin%27%20OR%201%3D1--")]
    [InlineData("sort=Notes")]
    [InlineData("take=100000")]
    [InlineData("skip=-1")]
    [InlineData("kind=Boat")]
    public async Task List_InvalidQuery_Returns400(string query)
    {
        var api = await ApiClient.SignInAsync(factory, "demo");

        using var response = await api.GetAsync($"/api/app/vehicles?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task List_SearchWithSqlMetacharacters_MatchesLiterally()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");

        using var response = await api.GetAsync("/api/app/vehicles?search=%27%20OR%201%3D1--");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await ApiClient.ReadJsonAsync(response);
        page.GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task List_DemoTenant_ReturnsOnlyItsVehicles()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");

        using var response = await api.GetAsync("/api/app/vehicles?sort=Make&descending=false&take=200");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await ApiClient.ReadJsonAsync(response);
        var vins = page.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("vin").GetString()).ToList();
        vins.ShouldContain(HondaVin);
        vins.ShouldNotContain("Foreign");
    }

    internal static async Task<VehicleDto> CreateVehicleAsync(ApiClient api, string model, string meterUnit = "Miles")
    {
        using var response = await api.PostAsync("/api/app/vehicles", new { make = "Test", model, meterUnit });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return await ApiClient.ReadAsync<VehicleDto>(response);
    }

    private static object UpdateBody(VehicleDto vehicle, string model, string stamp) =>
        new { make = vehicle.Make, model, meterUnit = vehicle.MeterUnit.ToString(), concurrencyStamp = stamp };

    private static object FuelBody(double meter, double litres = 40, string date = "2026-01-01") => new
    {
        date,
        meterValue = meter,
        quantity = litres,
        unit = "Liters",
        totalCost = 80.00m,
        fuelType = "Petrol",
        isFullTank = true,
    };

    private async Task<int> CountVehiclesAsync(Guid tenantId) =>
        await factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.CountAsync());

    private Task DeleteVinAsync(Guid tenantId, string vin) =>
        factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.Where(v => v.Vin == vin).ExecuteDeleteAsync());

    // The trace id differs per request; everything else of a 404 must be identical.
    private static string Normalize(string body) =>
        System.Text.RegularExpressions.Regex.Replace(body, "\"traceId\":\"[^\"]*\"", "\"traceId\":\"\"");
}
