using AutoTracker.Domain;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.MultiTenancy;
using AutoTracker.Vehicles;
using AutoTracker.Vehicles.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.TenantManagement;

/// <summary>
/// The host's vehicle limit applies to vehicles added one by one and to vehicle imports, also when many of them run
/// at the same time.
/// </summary>
public sealed class VehicleLimitTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>
{
    [Fact]
    public async Task Import_MoreVehiclesThanLimit_ImportsNothing()
    {
        var tenantId = await CreateTenantWithLimitAsync(maxVehicles: 2);
        await host.CreateVehicleAsync(tenantId);
        var content = "Make,Model,Meter_Unit\nToyota,Camry,Miles\nHonda,Civic,Miles\n";

        var error = await Should.ThrowAsync<BusinessException>(() =>
            host.ImportAsync(tenantId, new ImportRequest(ImportFormat.AutoTracker, ImportRecordKind.Vehicles, null, content)));

        error.Code.ShouldBe(ErrorCodes.VehicleLimitReached);
        (await CountVehiclesAsync(tenantId)).ShouldBe(1);
    }

    [Fact]
    public async Task Import_WithinLimit_ImportsAll()
    {
        var tenantId = await CreateTenantWithLimitAsync(maxVehicles: 2);
        var content = "Make,Model,Meter_Unit\nToyota,Camry,Miles\nHonda,Civic,Miles\n";

        await host.ImportAsync(tenantId, new ImportRequest(ImportFormat.AutoTracker, ImportRecordKind.Vehicles, null, content));

        (await CountVehiclesAsync(tenantId)).ShouldBe(2);
    }

    [Fact]
    public async Task Limit_OtherTenantsVehicles_DoNotCount()
    {
        var limited = await CreateTenantWithLimitAsync(maxVehicles: 1);
        var other = await host.CreateTenantAsync();
        await host.CreateVehicleAsync(other);
        await host.CreateVehicleAsync(other);

        await host.CreateVehicleAsync(limited);

        (await CountVehiclesAsync(limited)).ShouldBe(1);
    }

    [Fact]
    public async Task CreateAsync_ParallelOverLimit_StopsAtLimit()
    {
        var tenantId = await CreateTenantWithLimitAsync(maxVehicles: 4);

        var outcomes = await RunTogetherAsync(16, i => host.AsAdminAsync(tenantId, async sp =>
        {
            await sp.GetRequiredService<IVehicleAppService>().CreateAsync(
                new CreateUpdateVehicleDto { Make = "Volvo", Model = $"FH #{i}" }, CancellationToken.None);
            return 1;
        }));

        outcomes.Count(o => o.Exception is null).ShouldBe(4);
        ShouldAllBeLimitErrors(outcomes, max: 4);
        (await CountVehiclesAsync(tenantId)).ShouldBe(4);
    }

    [Fact]
    public async Task ImportAsync_ParallelOverLimit_StopsAtLimit()
    {
        var tenantId = await CreateTenantWithLimitAsync(maxVehicles: 5);
        var content = "Make,Model,Meter_Unit\nToyota,Camry,Miles\nHonda,Civic,Miles\n";

        // Whatever the order of the eight imports of two vehicles and the five single creates, the tenant ends with five.
        var outcomes = await RunTogetherAsync(13, i => i < 8
            ? host.AsAdminAsync(tenantId, async sp =>
            {
                var outcome = await sp.GetRequiredService<VehicleImporter>().ImportAsync(
                    new ImportRequest(ImportFormat.AutoTracker, ImportRecordKind.Vehicles, null, content), progress: null, CancellationToken.None);
                outcome.Errors.ShouldBeEmpty();
                return outcome.ImportedCount;
            })
            : host.AsAdminAsync(tenantId, async sp =>
            {
                await sp.GetRequiredService<IVehicleAppService>().CreateAsync(new CreateUpdateVehicleDto { Make = "Volvo", Model = $"FM #{i}" }, CancellationToken.None);
                return 1;
            }));

        outcomes.Where(o => o.Exception is null).Sum(o => o.Added).ShouldBe(5);
        ShouldAllBeLimitErrors(outcomes, max: 5);
        (await CountVehiclesAsync(tenantId)).ShouldBe(5);
    }

    [Fact]
    public async Task CreateAsync_LockHeldPastTimeout_ThrowsConflict()
    {
        var tenantId = await CreateTenantWithLimitAsync(maxVehicles: 10);
        await host.CreateVehicleAsync(tenantId);
        await using var scope = host.Services.CreateAsyncScope();
        var holder = scope.ServiceProvider.GetRequiredService<ICurrentTenant>();
        var started = TimeProvider.System.GetTimestamp();

        Exception error;
        using (holder.Change(tenantId))
        await using (await scope.ServiceProvider.GetRequiredService<TenantLimitChecker>().LockVehicleCountAsync(CancellationToken.None))
        {
            error = await Should.ThrowAsync<ConcurrencyConflictException>(() => host.AsAdminAsync(tenantId, sp =>
            {
                sp.GetRequiredService<TenantLimitChecker>().VehicleLockTimeout = TimeSpan.FromSeconds(1);
                return sp.GetRequiredService<IVehicleAppService>().CreateAsync(new CreateUpdateVehicleDto { Make = "Volvo", Model = "Waiting" }, CancellationToken.None);
            }));
        }

        error.Message.ShouldBe("Other requests of this tenant were adding vehicles, and this one stopped waiting for them after 1 s. Nothing was saved. Try again in a moment.");
        error.InnerException.ShouldBeOfType<TimeoutException>();
        TimeProvider.System.GetElapsedTime(started).ShouldBeLessThan(TimeSpan.FromSeconds(30));
        (await CountVehiclesAsync(tenantId)).ShouldBe(1);
        await host.CreateVehicleAsync(tenantId);
        (await CountVehiclesAsync(tenantId)).ShouldBe(2);
    }

    [Fact]
    public async Task CreateAsync_NoLimit_TakesNoLock()
    {
        var tenantId = await host.CreateTenantAsync();
        var databaseLock = host.Services.GetRequiredService<IDatabaseLock>();

        await using (await databaseLock.AcquireAsync(TenantLimitChecker.VehicleLockName(tenantId), TimeSpan.FromSeconds(5), CancellationToken.None))
        {
            await host.AsAdminAsync(tenantId, sp =>
            {
                sp.GetRequiredService<TenantLimitChecker>().VehicleLockTimeout = TimeSpan.FromSeconds(1);
                return sp.GetRequiredService<IVehicleAppService>().CreateAsync(new CreateUpdateVehicleDto { Make = "Volvo", Model = "Unlimited" }, CancellationToken.None);
            });
        }

        (await CountVehiclesAsync(tenantId)).ShouldBe(1);
    }

    [Fact]
    public async Task EnsureVehiclesAllowedAsync_OutsideLock_Throws()
    {
        var tenantId = await CreateTenantWithLimitAsync(maxVehicles: 3);

        var error = await Should.ThrowAsync<InvalidOperationException>(() => host.AsAdminAsync(tenantId, sp =>
            sp.GetRequiredService<TenantLimitChecker>().EnsureVehiclesAllowedAsync(1, CancellationToken.None)));

        error.Message.ShouldContain(nameof(TenantLimitChecker.LockVehicleCountAsync));
    }

    /// <summary>Starts every attempt on its own thread, releases them together and returns what each added or threw.</summary>
    private static async Task<List<(int Added, Exception? Exception)>> RunTogetherAsync(int count, Func<int, Task<int>> attempt)
    {
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await attempt(i);
        })).ToList();
        start.Set();

        var outcomes = new List<(int Added, Exception? Exception)>();
        foreach (var task in tasks)
        {
            try
            {
                outcomes.Add((await task, null));
            }
            catch (Exception ex)
            {
                outcomes.Add((0, ex));
            }
        }

        return outcomes;
    }

    private static void ShouldAllBeLimitErrors(IEnumerable<(int Added, Exception? Exception)> outcomes, int max)
    {
        foreach (var failure in outcomes.Select(o => o.Exception).OfType<Exception>())
        {
            var business = failure.ShouldBeOfType<BusinessException>();
            business.Code.ShouldBe(ErrorCodes.VehicleLimitReached);
            business.Message.ShouldStartWith($"This tenant may keep at most {max} vehicles and has ");
        }
    }

    private async Task<Guid> CreateTenantWithLimitAsync(int maxVehicles)
    {
        var tenantId = await host.CreateTenantAsync();
        await host.InTenantAsync(null, async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            var tenant = await db.Tenants.SingleAsync(t => t.Id == tenantId);
            tenant.SetLimits(maxVehicles, maxUsers: null);
            await db.SaveChangesAsync();
        });
        return tenantId;
    }

    private Task<int> CountVehiclesAsync(Guid tenantId) =>
        host.InTenantAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.CountAsync());
}
