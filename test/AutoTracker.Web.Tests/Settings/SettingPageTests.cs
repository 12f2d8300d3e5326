using System.Net;
using System.Text.RegularExpressions;
using AutoTracker.Settings;
using AutoTracker.Web.Tests.Infrastructure;

namespace AutoTracker.Web.Tests.Settings;

/// <summary>The settings pages, used through their forms as a tenant admin and as the host admin.</summary>
public sealed partial class SettingPageTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    private const string TenantPage = "/Settings/Tenant";
    private const string HostPage = "/Settings/Host";

    [Fact]
    public async Task TenantPage_ShowsGroupsHostDefaultsAndMenu()
    {
        var (_, name, _) = await SettingsApi.CreateTenantAsync(factory, "page");
        var admin = await factory.SignInAsync(name, "admin", SettingsApi.TenantAdminPassword);

        var html = await admin.GetStringAsync(TenantPage);

        foreach (var group in Enum.GetNames<SettingGroup>())
        {
            html.ShouldContain($"data-testid=\"settings-group-{group}\"");
        }

        html.ShouldContain("data-testid=\"nav-tenant-settings\"");
        html.ShouldNotContain("data-testid=\"nav-host-settings\"");
        html.ShouldContain("Host default: 12");
        html.ShouldContain("Minimum password length");
    }

    [Fact]
    public async Task TenantPage_PostOneChange_SavesOnlyThatSetting()
    {
        var (tenantId, name, _) = await SettingsApi.CreateTenantAsync(factory, "post");
        var admin = await factory.SignInAsync(name, "admin", SettingsApi.TenantAdminPassword);
        var form = await ReadFormAsync(admin, TenantPage);
        form[$"Values[{SettingNames.LockoutMaxFailedAccessAttempts}]"] = "4";

        using var response = await admin.PostAsync(TenantPage, new FormUrlEncodedContent(form));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await SettingsApi.ReadRowsAsync(factory, tenantId)).ShouldBe(["Lockout.MaxFailedAccessAttempts=4"]);
        (await admin.GetStringAsync(TenantPage)).ShouldContain("Reset to default");
    }

    [Fact]
    public async Task TenantPage_PostBelowFloor_ShowsErrorAndSavesNothing()
    {
        var (tenantId, name, _) = await SettingsApi.CreateTenantAsync(factory, "bad");
        var admin = await factory.SignInAsync(name, "admin", SettingsApi.TenantAdminPassword);
        var form = await ReadFormAsync(admin, TenantPage);
        form[$"Values[{SettingNames.PasswordRequiredLength}]"] = "8";

        using var response = await admin.PostAsync(TenantPage, new FormUrlEncodedContent(form));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Password.RequiredLength must be at least 12.");
        (await SettingsApi.ReadRowsAsync(factory, tenantId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task TenantPage_Reset_RemovesOverride()
    {
        var (tenantId, name, api) = await SettingsApi.CreateTenantAsync(factory, "rst");
        await SettingsApi.SetAsync(api, SettingsApi.TenantUrl, new() { [SettingNames.Currency] = "USD" });
        var admin = await factory.SignInAsync(name, "admin", SettingsApi.TenantAdminPassword);
        var form = await ReadFormAsync(admin, TenantPage);
        var fields = form.ToList();
        fields.Add(new("Reset", SettingNames.Currency));

        using var response = await admin.PostAsync(TenantPage, new FormUrlEncodedContent(fields));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await SettingsApi.ReadRowsAsync(factory, tenantId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task TenantPage_StaleForm_ShowsConflictAndCurrentValue()
    {
        var (tenantId, name, api) = await SettingsApi.CreateTenantAsync(factory, "cnf");
        var admin = await factory.SignInAsync(name, "admin", SettingsApi.TenantAdminPassword);
        var form = await ReadFormAsync(admin, TenantPage);
        await SettingsApi.SetAsync(api, SettingsApi.TenantUrl, new() { [SettingNames.Currency] = "USD" });
        form[$"Values[{SettingNames.Currency}]"] = "GBP";

        using var response = await admin.PostAsync(TenantPage, new FormUrlEncodedContent(form));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Someone else changed these settings after you opened them.");
        html.ShouldContain("Current value: USD");
        (await SettingsApi.ReadRowsAsync(factory, tenantId)).ShouldBe(["Currency=USD"]);
    }

    [Fact]
    public async Task HostPage_ClosedToTenantAdmin()
    {
        var (_, name, _) = await SettingsApi.CreateTenantAsync(factory, "hp");
        var host = await factory.SignInAsync(null, "admin", AutoTrackerWebFactory.AdminPassword);
        var tenantAdmin = await factory.SignInAsync(name, "admin", SettingsApi.TenantAdminPassword);
        var hostBefore = await SettingsApi.ReadRowsAsync(factory, null);
        var token = await AutoTrackerWebFactory.GetFormTokenAsync(tenantAdmin, TenantPage);

        var hostHtml = await host.GetStringAsync(HostPage);
        using var tenantGet = await tenantAdmin.GetAsync(HostPage);
        using var tenantPost = await tenantAdmin.PostAsync(HostPage, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [$"Values[{SettingNames.PasswordRequiredLength}]"] = "20",
            ["ConcurrencyStamp"] = "x",
            ["__RequestVerificationToken"] = token,
        }));
        using var hostOnTenantPage = await host.GetAsync(TenantPage);

        hostHtml.ShouldContain("Built-in default: 12");
        hostHtml.ShouldContain("data-testid=\"nav-host-settings\"");
        tenantGet.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await tenantGet.Content.ReadAsStringAsync()).ShouldContain("Access denied");
        tenantPost.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        hostOnTenantPage.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await SettingsApi.ReadRowsAsync(factory, null)).ShouldBe(hostBefore);
    }

    /// <summary>Reads the form's fields as the browser would post them: the stamp, the token and each setting's shown value.</summary>
    private static async Task<Dictionary<string, string>> ReadFormAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(FormToken().Match(html).Groups[1].Value),
            ["ConcurrencyStamp"] = WebUtility.HtmlDecode(Stamp().Match(html).Groups[1].Value),
        };
        foreach (Match input in TextInput().Matches(html))
        {
            form[WebUtility.HtmlDecode(input.Groups["name"].Value)] = WebUtility.HtmlDecode(input.Groups["value"].Value);
        }

        foreach (Match select in Select().Matches(html))
        {
            var selected = SelectedOption().Match(select.Groups["options"].Value);
            form[WebUtility.HtmlDecode(select.Groups["name"].Value)] = WebUtility.HtmlDecode(selected.Groups[1].Value);
        }

        form.Count.ShouldBe(2 + SettingDefinitions.All.Count, "the form should have one field per setting");
        return form;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [GeneratedRegex("id=\"ConcurrencyStamp\" name=\"ConcurrencyStamp\" value=\"([^\"]*)\"")]
    private static partial Regex Stamp();

    [GeneratedRegex("<input id=\"setting-[^\"]+\" name=\"(?<name>Values\\[[^\\]]+\\])\"[^>]*value=\"(?<value>[^\"]*)\"")]
    private static partial Regex TextInput();

    [GeneratedRegex("<select id=\"setting-[^\"]+\" name=\"(?<name>Values\\[[^\\]]+\\])\"[^>]*>(?<options>.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex Select();

    [GeneratedRegex("<option value=\"([^\"]*)\" selected=\"selected\"")]
    private static partial Regex SelectedOption();
}
