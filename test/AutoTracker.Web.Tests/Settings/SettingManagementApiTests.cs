using System.Net;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.Settings;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.Settings;

/// <summary>
/// <c>/api/setting-management/tenant</c> and <c>/host</c>: who may use them, what they accept, and that rejected
/// requests leave the stored settings as they were.
/// </summary>
public sealed class SettingManagementApiTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    [Fact]
    public async Task TenantPut_ValidValues_SavesOverrides()
    {
        var (tenantId, _, admin) = await SettingsApi.CreateTenantAsync(factory, "put");

        using var response = await SettingsApi.PutAsync(admin, SettingsApi.TenantUrl, new()
        {
            [SettingNames.EconomyUnit] = "MilesPerUsGallon",
            [SettingNames.PasswordRequiredLength] = "16",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await ApiClient.ReadJsonAsync(response);
        SettingsApi.Find(body, SettingNames.EconomyUnit).GetProperty("value").GetString().ShouldBe("MilesPerUsGallon");
        SettingsApi.Find(body, SettingNames.EconomyUnit).GetProperty("isOverridden").GetBoolean().ShouldBeTrue();
        SettingsApi.Find(body, SettingNames.Currency).GetProperty("isOverridden").GetBoolean().ShouldBeFalse();
        (await SettingsApi.ReadRowsAsync(factory, tenantId)).ShouldBe(["Password.RequiredLength=16", "Units.Economy=MilesPerUsGallon"]);
    }

    [Fact]
    public async Task TenantPut_WeakerThanFloor_NamesFieldAndBound()
    {
        var (tenantId, _, admin) = await SettingsApi.CreateTenantAsync(factory, "floor");
        await SettingsApi.SetAsync(admin, SettingsApi.TenantUrl, new() { [SettingNames.LockoutDurationMinutes] = "30" });

        using var response = await SettingsApi.PutAsync(admin, SettingsApi.TenantUrl, new()
        {
            [SettingNames.PasswordRequiredLength] = "8",
            [SettingNames.LockoutMaxFailedAccessAttempts] = "10",
            [SettingNames.SessionAbsoluteLifetimeMinutes] = "1440",
            [SettingNames.LockoutDurationMinutes] = "45",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await ApiClient.ReadJsonAsync(response)).GetProperty("errors");
        errors.GetProperty("values.password.requiredLength")[0].GetString().ShouldBe("Password.RequiredLength must be at least 12.");
        errors.GetProperty("values.lockout.maxFailedAccessAttempts")[0].GetString().ShouldBe("Lockout.MaxFailedAccessAttempts must be at most 5.");
        errors.GetProperty("values.session.absoluteLifetimeMinutes")[0].GetString().ShouldBe("Session.AbsoluteLifetimeMinutes must be at most 720.");
        errors.TryGetProperty("values.lockout.durationMinutes", out _).ShouldBeFalse();
        (await SettingsApi.ReadRowsAsync(factory, tenantId)).ShouldBe(["Lockout.DurationMinutes=30"]);
    }

    [Fact]
    public async Task TenantPut_UnknownSetting_IsRejected()
    {
        var (tenantId, _, admin) = await SettingsApi.CreateTenantAsync(factory, "unknown");

        using var response = await SettingsApi.PutAsync(admin, SettingsApi.TenantUrl, new() { ["Password.MinLength"] = "20" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiClient.ReadJsonAsync(response)).GetProperty("errors").GetProperty("values.password.minLength")[0].GetString()
            .ShouldBe("Password.MinLength is not a setting.");
        (await SettingsApi.ReadRowsAsync(factory, tenantId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task TenantPut_StaleStamp_Returns409()
    {
        var (tenantId, _, admin) = await SettingsApi.CreateTenantAsync(factory, "stale");
        using var before = await admin.GetAsync(SettingsApi.TenantUrl);
        var staleStamp = (await ApiClient.ReadJsonAsync(before)).GetProperty("concurrencyStamp").GetString();
        await SettingsApi.SetAsync(admin, SettingsApi.TenantUrl, new() { [SettingNames.Currency] = "USD" });

        using var response = await admin.PutAsync(SettingsApi.TenantUrl, new
        {
            concurrencyStamp = staleStamp,
            values = new Dictionary<string, string?> { [SettingNames.Currency] = "GBP" },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await SettingsApi.ReadRowsAsync(factory, tenantId)).ShouldBe(["Currency=USD"]);
    }

    [Fact]
    public async Task TenantPut_ParallelWithSameStamp_OneWins()
    {
        var (tenantId, _, admin) = await SettingsApi.CreateTenantAsync(factory, "race");
        using var current = await admin.GetAsync(SettingsApi.TenantUrl);
        var stamp = (await ApiClient.ReadJsonAsync(current)).GetProperty("concurrencyStamp").GetString();
        string[] names = [SettingNames.PasswordRequireDigit, SettingNames.PasswordRequireLowercase, SettingNames.PasswordRequireUppercase, SettingNames.PasswordRequireNonAlphanumeric];

        // Each request changes a different setting, so no unique index can catch the race; the stamp check must.
        var responses = await Task.WhenAll(names.Select(name => admin.PutAsync(SettingsApi.TenantUrl, new
        {
            concurrencyStamp = stamp,
            values = new Dictionary<string, string?> { [name] = "true" },
        })));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(names.Length - 1);
        (await SettingsApi.ReadRowsAsync(factory, tenantId)).Count.ShouldBe(1);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task TenantPut_NullValue_ResetsToHostDefault()
    {
        var (tenantId, _, admin) = await SettingsApi.CreateTenantAsync(factory, "reset");
        await SettingsApi.SetAsync(admin, SettingsApi.TenantUrl, new() { [SettingNames.DistanceUnit] = "Miles" });

        using var response = await SettingsApi.PutAsync(admin, SettingsApi.TenantUrl, new() { [SettingNames.DistanceUnit] = null });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var distance = SettingsApi.Find(await ApiClient.ReadJsonAsync(response), SettingNames.DistanceUnit);
        distance.GetProperty("isOverridden").GetBoolean().ShouldBeFalse();
        distance.GetProperty("value").GetString().ShouldBe(distance.GetProperty("defaultValue").GetString());
        (await SettingsApi.ReadRowsAsync(factory, tenantId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task TenantAdmin_CannotReadOrChangeHostDefaults()
    {
        var (_, _, admin) = await SettingsApi.CreateTenantAsync(factory, "nohost");
        var hostBefore = await SettingsApi.ReadRowsAsync(factory, null);

        using var get = await admin.GetAsync(SettingsApi.HostUrl);
        using var put = await admin.PutAsync(SettingsApi.HostUrl, new
        {
            concurrencyStamp = "0",
            values = new Dictionary<string, string?> { [SettingNames.PasswordRequiredLength] = "13" },
        });

        get.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        put.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await SettingsApi.ReadRowsAsync(factory, null)).ShouldBe(hostBefore);
    }

    [Fact]
    public async Task HostUser_CannotUseTenantEndpoint()
    {
        var host = await ApiClient.SignInAsync(factory, tenant: null);

        using var get = await host.GetAsync(SettingsApi.TenantUrl);
        using var put = await host.PutAsync(SettingsApi.TenantUrl, new { concurrencyStamp = "0", values = new Dictionary<string, string?>() });

        get.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        put.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TenantUserWithoutSettingsPermission_IsForbidden()
    {
        // A viewer holds no settings permission by default.
        var name = $"norole{Guid.NewGuid():N}"[..16];
        var tenantId = await factory.CreateTenantWithAdminAsync(name);
        await factory.CreateUserAsync(tenantId, "viewer1", [AutoTracker.Identity.StaticRoleNames.Viewer]);
        var user = await ApiClient.SignInAsync(factory, name, "viewer1");

        using var get = await user.GetAsync(SettingsApi.TenantUrl);
        using var put = await user.PutAsync(SettingsApi.TenantUrl, new
        {
            concurrencyStamp = "0",
            values = new Dictionary<string, string?> { [SettingNames.Currency] = "USD" },
        });

        get.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        put.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await SettingsApi.ReadRowsAsync(factory, tenantId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Anonymous_Gets401()
    {
        using var client = factory.CreateBrowserClient();

        using var tenant = await client.GetAsync(SettingsApi.TenantUrl);
        using var host = await client.GetAsync(SettingsApi.HostUrl);

        tenant.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        host.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task HostPut_ReachesTenantsWithoutOverride()
    {
        var (_, _, overriding) = await SettingsApi.CreateTenantAsync(factory, "ovr");
        var (_, _, inheriting) = await SettingsApi.CreateTenantAsync(factory, "inh");
        await SettingsApi.SetAsync(overriding, SettingsApi.TenantUrl, new() { [SettingNames.VolumeUnit] = "Liters" });
        var host = await ApiClient.SignInAsync(factory, tenant: null);

        await SettingsApi.SetAsync(host, SettingsApi.HostUrl, new() { [SettingNames.VolumeUnit] = "UsGallons" });

        try
        {
            var inherited = SettingsApi.Find(await ApiClient.ReadJsonAsync(await inheriting.GetAsync(SettingsApi.TenantUrl)), SettingNames.VolumeUnit);
            inherited.GetProperty("value").GetString().ShouldBe("UsGallons");
            inherited.GetProperty("defaultValue").GetString().ShouldBe("UsGallons");
            var overridden = SettingsApi.Find(await ApiClient.ReadJsonAsync(await overriding.GetAsync(SettingsApi.TenantUrl)), SettingNames.VolumeUnit);
            overridden.GetProperty("value").GetString().ShouldBe("Liters");
            overridden.GetProperty("defaultValue").GetString().ShouldBe("UsGallons");
        }
        finally
        {
            await SettingsApi.SetAsync(host, SettingsApi.HostUrl, new() { [SettingNames.VolumeUnit] = null });
        }
    }

    [Fact]
    public async Task TenantPut_OtherTenantUnaffected()
    {
        var (_, _, first) = await SettingsApi.CreateTenantAsync(factory, "first");
        var (secondId, _, second) = await SettingsApi.CreateTenantAsync(factory, "second");

        await SettingsApi.SetAsync(first, SettingsApi.TenantUrl, new() { [SettingNames.Currency] = "JPY" });

        var currency = SettingsApi.Find(await ApiClient.ReadJsonAsync(await second.GetAsync(SettingsApi.TenantUrl)), SettingNames.Currency);
        currency.GetProperty("value").GetString().ShouldBe("EUR");
        (await SettingsApi.ReadRowsAsync(factory, secondId)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("tenantId")]
    [InlineData("TenantId")]
    public async Task TenantPut_TenantIdInBody_IsIgnored(string property)
    {
        var (ownId, _, admin) = await SettingsApi.CreateTenantAsync(factory, "mass");
        var (otherId, _, _) = await SettingsApi.CreateTenantAsync(factory, "victim");
        using var current = await admin.GetAsync(SettingsApi.TenantUrl);
        var stamp = (await ApiClient.ReadJsonAsync(current)).GetProperty("concurrencyStamp").GetString();
        var body = new Dictionary<string, object?>
        {
            ["concurrencyStamp"] = stamp,
            ["values"] = new Dictionary<string, string?> { [SettingNames.Currency] = "SEK" },
            [property] = otherId,
        };

        using var response = await admin.PutAsync(SettingsApi.TenantUrl, body);

        // A strict reader may reject the unknown member; either way nothing reaches the other tenant.
        response.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.BadRequest);
        (await SettingsApi.ReadRowsAsync(factory, otherId)).ShouldBeEmpty();
        var stored = await factory.InScopeAsync(null, sp => sp.GetRequiredService<AutoTrackerDbContext>().SettingValues
            .IgnoreQueryFilters()
            .Where(s => s.Value == "SEK" && s.TenantId == otherId)
            .CountAsync());
        stored.ShouldBe(0);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            (await SettingsApi.ReadRowsAsync(factory, ownId)).ShouldBe(["Currency=SEK"]);
        }
    }
}
