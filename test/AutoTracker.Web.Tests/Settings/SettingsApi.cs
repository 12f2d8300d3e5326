using System.Net;
using System.Text.Json;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.Settings;

/// <summary>Helpers for the setting management endpoints.</summary>
internal static class SettingsApi
{
    public const string TenantUrl = "/api/setting-management/tenant";
    public const string HostUrl = "/api/setting-management/host";
    public const string TenantAdminPassword = "settings-admin-passphrase-31";

    /// <summary>Creates a tenant through tenant management, so its admin has the static admin role, and signs that admin in.</summary>
    public static async Task<(Guid Id, string Name, ApiClient Admin)> CreateTenantAsync(WebApplicationFactory<Program> node, string prefix)
    {
        var host = await SignInAsync(node, tenantName: null, "admin", AutoTrackerWebFactory.AdminPassword);
        var name = $"{prefix}{Guid.NewGuid():N}"[..20];
        using var created = await host.PostAsync(
            "/api/tenant-management/tenants",
            new { name, adminEmail = $"admin@{name}.test", adminPassword = TenantAdminPassword });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await ApiClient.ReadJsonAsync(created)).GetProperty("id").GetGuid();
        return (id, name, await SignInAsync(node, name));
    }

    /// <summary>Signs in through the login form of <paramref name="node"/> and returns an API client with the antiforgery token.</summary>
    public static async Task<ApiClient> SignInAsync(
        WebApplicationFactory<Program> node,
        string? tenantName,
        string userName = "admin",
        string password = TenantAdminPassword)
    {
        var client = node.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler());
        using var response = await AutoTrackerWebFactory.PostLoginAsync(client, tenantName, userName, password);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return new ApiClient(client, await AutoTrackerWebFactory.GetApiTokenAsync(client));
    }

    /// <summary>Reads the level's stamp and sends <paramref name="values"/> with it.</summary>
    public static async Task<HttpResponseMessage> PutAsync(ApiClient api, string url, Dictionary<string, string?> values)
    {
        using var current = await api.GetAsync(url);
        current.StatusCode.ShouldBe(HttpStatusCode.OK, await current.Content.ReadAsStringAsync());
        var stamp = (await ApiClient.ReadJsonAsync(current)).GetProperty("concurrencyStamp").GetString();
        return await api.PutAsync(url, new { concurrencyStamp = stamp, values });
    }

    /// <summary>Sends <paramref name="values"/> and fails the test unless the server saved them.</summary>
    public static async Task SetAsync(ApiClient api, string url, Dictionary<string, string?> values)
    {
        using var response = await PutAsync(api, url, values);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public static JsonElement Find(JsonElement settings, string name) =>
        settings.GetProperty("settings").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);

    /// <summary>The stored rows of a level, as name=value lines, read without the application's cache.</summary>
    public static Task<List<string>> ReadRowsAsync(AutoTrackerWebFactory factory, Guid? tenantId) =>
        factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().SettingValues
            .OrderBy(s => s.Name)
            .Select(s => s.Name + "=" + s.Value)
            .ToListAsync());
}
