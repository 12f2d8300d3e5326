using System.Net;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.Vehicles;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.Vehicles;

public sealed class VehiclePageTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    [Fact]
    public async Task DeleteReadingOwnedByFuelEntry_FromDetailsPage_ShowsErrorAndKeepsIt()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");
        var vehicle = await VehicleApiTests.CreateVehicleAsync(api, "Owned reading", "Kilometers");
        (await api.PostAsync($"/api/app/vehicles/{vehicle.Id}/fuel-entries", new
        {
            date = "2026-04-01",
            meterValue = 1200,
            quantity = 30,
            unit = "Liters",
            totalCost = 45m,
            fuelType = "Petrol",
            isFullTank = true,
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var readings = await ApiClient.ReadAsync<List<MeterReadingDto>>(await api.GetAsync($"/api/app/vehicles/{vehicle.Id}/meter-readings"));
        var owned = readings.Single();
        var token = await AutoTrackerWebFactory.GetFormTokenAsync(api.Http, $"/Vehicles/Details/{vehicle.Id}");

        using var response = await api.Http.PostAsync(
            $"/Vehicles/Details/{vehicle.Id}?handler=DeleteMeterReading&recordId={owned.Id}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await api.Http.GetStringAsync(response.Headers.Location!.OriginalString);
        page.ShouldContain("belongs to a fuel entry or service record");
        var tenantId = await factory.GetTenantIdAsync("demo");
        (await factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().MeterReadings.CountAsync(r => r.Id == owned.Id))).ShouldBe(1);
    }

    [Fact]
    public async Task OtherTenantsVehicle_DetailsAndEditPages_Return404()
    {
        var otherTenant = await factory.CreateTenantWithAdminAsync($"pages{Guid.NewGuid():N}"[..16]);
        var otherName = await factory.InScopeAsync<string>(null, sp => sp.GetRequiredService<AutoTrackerDbContext>().Tenants.Where(t => t.Id == otherTenant).Select(t => t.Name).FirstAsync());
        var other = await ApiClient.SignInAsync(factory, otherName);
        var foreign = await VehicleApiTests.CreateVehicleAsync(other, "Foreign page");
        var demo = await factory.SignInAsync("demo", "admin", AutoTrackerWebFactory.AdminPassword);

        foreach (var path in new[] { $"/Vehicles/Details/{foreign.Id}", $"/Vehicles/Edit/{foreign.Id}", $"/Vehicles/Delete/{foreign.Id}", $"/Vehicles/{foreign.Id}/FuelEntries/Create" })
        {
            using var response = await demo.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
            (await response.Content.ReadAsStringAsync()).ShouldNotContain("Foreign page");
        }
    }
}
