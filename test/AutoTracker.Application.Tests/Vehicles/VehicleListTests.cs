using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Vehicles;

/// <summary>
/// Checks the vehicle list on SQLite and MySQL alike. Its search matches the start of the make and model ignoring
/// letter case, because a user who types "jeep" expects the Jeep.
/// </summary>
public sealed class VehicleListTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>
{
    [Theory]
    [InlineData("Jeep")]
    [InlineData("jeep")]
    [InlineData("JEEP")]
    [InlineData("cherokee")]
    public async Task Search_MakeOrModelInOtherCase_FindsVehicle(string search)
    {
        var tenantId = await host.CreateTenantAsync();
        await host.AsAdminAsync(tenantId, sp => sp.GetRequiredService<IVehicleAppService>().CreateAsync(
            new CreateUpdateVehicleDto { Make = "Jeep", Model = "Cherokee", MeterUnit = MeterUnit.Miles }, CancellationToken.None));

        var page = await host.AsAdminAsync(tenantId, sp => sp.GetRequiredService<IVehicleAppService>().GetListAsync(
            new GetVehicleListInput { Search = search }, CancellationToken.None));

        page.Items.Count.ShouldBe(1, $"search '{search}'");
    }

    [Theory]
    [InlineData("Ab_", "Ab_1")]
    [InlineData("50%", "50%off")]
    [InlineData("Bang!", "Bang!x")]
    [InlineData("Back\\", "Back\\slash")]
    [InlineData("Ab", "AbX1,Ab_1")]
    public async Task Search_LikeWildcards_MatchLiterally(string search, string expectedMakes)
    {
        var tenantId = await host.CreateTenantAsync();
        foreach (var make in new[] { "Ab_1", "AbX1", "50%off", "50 off", "Bang!x", "BangXx", "Back\\slash", "Backslash" })
        {
            await host.AsAdminAsync(tenantId, sp => sp.GetRequiredService<IVehicleAppService>().CreateAsync(
                new CreateUpdateVehicleDto { Make = make, Model = "Probe", MeterUnit = MeterUnit.Miles }, CancellationToken.None));
        }

        var page = await host.AsAdminAsync(tenantId, sp => sp.GetRequiredService<IVehicleAppService>().GetListAsync(
            new GetVehicleListInput { Search = search, Sort = VehicleSortField.Make }, CancellationToken.None));

        string.Join(',', page.Items.Select(v => v.Make).Order(StringComparer.Ordinal)).ShouldBe(expectedMakes, $"search '{search}'");
    }

    [Fact]
    public async Task List_SkipPastEnd_ReportsRealTotal()
    {
        var tenantId = await host.CreateTenantAsync();
        await host.AsAdminAsync(tenantId, sp => sp.GetRequiredService<IVehicleAppService>().CreateAsync(
            new CreateUpdateVehicleDto { Make = "Jeep", Model = "Cherokee", MeterUnit = MeterUnit.Miles }, CancellationToken.None));

        var page = await host.AsAdminAsync(tenantId, sp => sp.GetRequiredService<IVehicleAppService>().GetListAsync(
            new GetVehicleListInput { Skip = 1_000_000 }, CancellationToken.None));

        page.Items.ShouldBeEmpty();
        page.TotalCount.ShouldBe(1, "the tenant has one vehicle, whatever page was requested");
    }
}
