using AutoTracker.EntityFrameworkCore;
using AutoTracker.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoTracker.Seeding;

/// <summary>
/// Several nodes that start at once on an empty database each migrate and then seed. The migrations take a
/// lock but seeding does not. The unique indexes on (TenantId, NormalizedName) do not stop duplicate host
/// rows, because the host's TenantId is NULL and NULLs never collide in a unique index.
/// </summary>
public sealed class ParallelSeedTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>
{
    private const int SeederCount = 4;

    [Fact]
    public async Task SeedAsync_ParallelRuns_CreateEachRowOnce()
    {
        var folder = Path.Combine(Path.GetTempPath(), "autotracker-seed", Guid.NewGuid().ToString("N"));
        var options = Options.Create(new SeedOptions
        {
            AdminPassword = "parallel-seed-passphrase-2026",
            PasswordFile = Path.Combine(folder, "initial-admin-password.txt"),
            DemoTenant = true,
            DemoTenantName = "demo",
        });

        var runs = Enumerable.Range(0, SeederCount).Select(_ => Task.Run(() => host.InTenantAsync(null, sp =>
            ActivatorUtilities.CreateInstance<AutoTrackerDataSeeder>(sp, options).SeedAsync(CancellationToken.None))));
        var failures = new List<string>();
        foreach (var run in runs.ToList())
        {
            try
            {
                await run;
            }
            catch (Exception exception)
            {
                failures.Add(exception.GetType().Name + ": " + exception.Message);
            }
        }

        await host.InTenantAsync(null, async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            var hostRoles = await db.Roles.IgnoreQueryFilters().Where(r => r.TenantId == null && r.NormalizedName == "ADMIN").ToListAsync();
            var hostAdmins = await db.Users.IgnoreQueryFilters().Where(u => u.TenantId == null && u.NormalizedUserName == "ADMIN").ToListAsync();

            hostRoles.Count.ShouldBe(1, "host admin roles");
            hostAdmins.Count.ShouldBe(1, "host admin users");
            (await db.UserRoles.CountAsync(ur => ur.UserId == hostAdmins[0].Id && ur.RoleId == hostRoles[0].Id)).ShouldBe(1, "the host admin's membership in the admin role");
            (await db.Tenants.CountAsync(t => t.NormalizedName == "DEMO")).ShouldBe(1, "demo tenants");
            (await db.Vehicles.IgnoreQueryFilters().CountAsync()).ShouldBe(7, "demo vehicles");
        });

        failures.ShouldBeEmpty("every node's seed should succeed");
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's cleanup.
        }
    }
}
