using AutoTracker.Domain;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.TenantManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoTracker.Seeding;

/// <summary>
/// The seed creates the demo tenant only under a free name. Once the host renames or deletes the demo tenant, a
/// restart with the demo enabled must not bring back a tenant under the name the host took out of use.
/// </summary>
public sealed class DemoTenantNameTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>
{
    [Fact]
    public async Task Seed_DemoRenamed_CreatesNoNewDemo()
    {
        var name = UniqueName();
        await SeedAsync(name);
        var demoId = await FindTenantIdAsync(name);
        demoId.ShouldNotBeNull();

        await host.InTenantAsync(null, async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            var tenant = await db.Tenants.SingleAsync(t => t.Id == demoId);
            await sp.GetRequiredService<TenantNameManager>().RenameAsync(tenant, name + "-renamed", CancellationToken.None);
            await db.SaveChangesAsync();
        });

        await SeedAsync(name);

        (await FindTenantIdAsync(name)).ShouldBeNull("the former name stays with the renamed tenant");
        (await FindTenantIdAsync(name + "-renamed")).ShouldBe(demoId);
    }

    [Fact]
    public async Task Seed_DemoDeleted_LeavesItEmpty()
    {
        var name = UniqueName();
        await SeedAsync(name);
        var demoId = (await FindTenantIdAsync(name)).ShouldNotBeNull();
        var vehiclesBefore = await CountVehiclesAsync(demoId);

        await host.InTenantAsync(null, async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            (await db.Tenants.SingleAsync(t => t.Id == demoId)).Delete(host.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });
        await host.InTenantAsync(demoId, async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            db.Vehicles.RemoveRange(await db.Vehicles.ToListAsync());
            await db.SaveChangesAsync();
        });

        await SeedAsync(name);

        (await CountVehiclesAsync(demoId)).ShouldBe(0, "the seed must not fill a deleted tenant again");
        vehiclesBefore.ShouldBeGreaterThan(0);
        await host.InTenantAsync(null, async sp =>
            (await sp.GetRequiredService<AutoTrackerDbContext>().Tenants.IgnoreQueryFilters().CountAsync(t => t.NormalizedName == Tenant.NormalizeName(name))).ShouldBe(1));
    }

    [Fact]
    public async Task Seed_HostNameAsDemo_SkipsDemo()
    {
        await SeedAsync("www");

        (await FindTenantIdAsync("www")).ShouldBeNull();
    }

    private static string UniqueName() => "demo-" + Guid.NewGuid().ToString("N")[..8];

    private Task SeedAsync(string demoName)
    {
        var options = Options.Create(new SeedOptions
        {
            AdminPassword = "demo-name-seed-passphrase-2026",
            PasswordFile = Path.Combine(Path.GetTempPath(), "autotracker-seed", Guid.NewGuid().ToString("N"), "password.txt"),
            DemoTenant = true,
            DemoTenantName = demoName,
        });
        return host.InTenantAsync(null, sp =>
            ActivatorUtilities.CreateInstance<AutoTrackerDataSeeder>(sp, options).SeedAsync(CancellationToken.None));
    }

    private Task<Guid?> FindTenantIdAsync(string name) =>
        host.InTenantAsync(null, async sp =>
        {
            var normalized = Tenant.NormalizeName(name);
            var tenant = await sp.GetRequiredService<AutoTrackerDbContext>().Tenants.IgnoreQueryFilters().FirstOrDefaultAsync(t => t.NormalizedName == normalized);
            return tenant?.Id;
        });

    private Task<int> CountVehiclesAsync(Guid tenantId) =>
        host.InTenantAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.CountAsync());
}
