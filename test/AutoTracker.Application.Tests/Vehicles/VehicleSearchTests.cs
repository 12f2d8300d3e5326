using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Vehicles;

/// <summary>
/// The vehicle list's search matches the start of the make and model ignoring letter case, on SQLite and MySQL
/// alike: a user who types "jeep" expects the Jeep.
/// </summary>
public sealed class VehicleSearchTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>
{
    [Theory]
    [InlineData("Jeep")]
    [InlineData("jeep")]
    [InlineData("JEEP")]
    [InlineData("cherokee")]
    public async Task Search_MakeOrModelInOtherCase_FindsVehicle(string search)
    {
        var tenantId = await host.CreateTenantAsync();
        await host.InTenantAsync(tenantId, sp => sp.GetRequiredService<IVehicleAppService>().CreateAsync(
            new CreateUpdateVehicleDto { Make = "Jeep", Model = "Cherokee", MeterUnit = MeterUnit.Miles }, CancellationToken.None));

        var page = await host.InTenantAsync(tenantId, sp => sp.GetRequiredService<IVehicleAppService>().GetListAsync(
            new GetVehicleListInput { Search = search }, CancellationToken.None));

        page.Items.Count.ShouldBe(1, $"search '{search}'");
    }
}
