using System.Data.Common;
using System.Net;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.MultiTenancy;
using AutoTracker.Settings;
using AutoTracker.Vehicles;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.Settings;

/// <summary>
/// Two nodes on one database and one Redis. Each node counts the SQL commands that read the settings table, which
/// shows that a cached read costs no query and that a change on one node reaches the other.
/// </summary>
public sealed class SettingCacheTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>, IAsyncLifetime
{
    private readonly string _instanceName = TestRedis.NewInstanceName();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        using var redis = await TestRedis.ConnectAsync();
        await TestRedis.DeleteKeysAsync(redis, _instanceName);
    }

    [Fact]
    public async Task CachedRead_NoQuery_ChangeReachesOtherNode()
    {
        var counterA = new SettingQueryCounter();
        var counterB = new SettingQueryCounter();
        using var nodeA = StartNode(counterA);
        using var nodeB = StartNode(counterB);
        var (tenantId, tenantName, _) = await SettingsApi.CreateTenantAsync(nodeA, "cache");
        var adminOnA = await SettingsApi.SignInAsync(nodeA, tenantName);
        var adminOnB = await SettingsApi.SignInAsync(nodeB, tenantName);
        await ForgetCachedAsync(nodeB, tenantId);

        var first = await ReadEffectiveAsync(nodeB, tenantId);
        var queriesOnFirstRead = counterB.Reset();
        var second = await ReadEffectiveAsync(nodeB, tenantId);
        var queriesOnSecondRead = counterB.Reset();
        (await adminOnB.GetAsync("/api/app/vehicles")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var queriesOnSignedInRequest = counterB.Reset();

        await SettingsApi.SetAsync(adminOnA, SettingsApi.TenantUrl, new() { [SettingNames.EconomyUnit] = "MilesPerImperialGallon" });
        counterB.Reset();
        var afterChange = await ReadEffectiveAsync(nodeB, tenantId);
        var queriesAfterChange = counterB.Reset();

        first.EconomyUnit.ShouldBe(EconomyUnit.LitersPer100Kilometers);
        queriesOnFirstRead.ShouldBeGreaterThan(0);
        second.EconomyUnit.ShouldBe(EconomyUnit.LitersPer100Kilometers);
        queriesOnSecondRead.ShouldBe(0);
        queriesOnSignedInRequest.ShouldBe(0, "the per-request session check must read the settings from the cache");
        afterChange.EconomyUnit.ShouldBe(EconomyUnit.MilesPerImperialGallon);
        queriesAfterChange.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task SignIn_WithCachedSettings_RunsNoSettingQuery()
    {
        var counter = new SettingQueryCounter();
        using var node = StartNode(counter);
        var (tenantId, tenantName, _) = await SettingsApi.CreateTenantAsync(node, "cache");
        await ForgetCachedAsync(node, tenantId);
        counter.Reset();
        await ReadEffectiveAsync(node, tenantId);
        var queriesToFill = counter.Reset();

        await SettingsApi.SignInAsync(node, tenantName);

        queriesToFill.ShouldBeGreaterThan(0);
        counter.Reset().ShouldBe(0);
    }

    private WebApplicationFactory<Program> StartNode(SettingQueryCounter counter) =>
        factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("AutoTracker:Redis:Configuration", TestRedis.Configuration);
            builder.UseSetting("AutoTracker:Redis:InstanceName", _instanceName);
            builder.ConfigureServices(services => services.ConfigureDbContext<AutoTrackerDbContext>(o => o.AddInterceptors(counter)));
        });

    /// <summary>Removes the node's cached host defaults and tenant overrides, so the next read goes to the database.</summary>
    private static async Task ForgetCachedAsync(WebApplicationFactory<Program> node, Guid tenantId)
    {
        await using var scope = node.Services.CreateAsyncScope();
        var provider = scope.ServiceProvider.GetRequiredService<ISettingProvider>();
        await provider.InvalidateAsync(tenantId, CancellationToken.None);
        await provider.InvalidateAsync(null, CancellationToken.None);
    }

    private static async Task<EffectiveSettings> ReadEffectiveAsync(WebApplicationFactory<Program> node, Guid tenantId)
    {
        await using var scope = node.Services.CreateAsyncScope();
        using (scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Change(tenantId))
        {
            return await scope.ServiceProvider.GetRequiredService<ISettingProvider>().GetEffectiveAsync(CancellationToken.None);
        }
    }

    /// <summary>Counts the commands of one node that read or write the SettingValues table.</summary>
    private sealed class SettingQueryCounter : DbCommandInterceptor
    {
        private int _count;

        public int Reset() => Interlocked.Exchange(ref _count, 0);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Count(command);
            return base.ReaderExecuting(command, eventData, result);
        }

        private void Count(DbCommand command)
        {
            if (command.CommandText.Contains("SettingValues", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }
        }
    }
}
