using System.Net;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.Hosting;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.Security;

/// <summary>
/// Tenant hints (host name, <c>__tenant</c> header, tenant cookie) never override the signed-in user's tenant,
/// and a hint that names an unknown or inactive tenant never falls back to the host.
/// </summary>
public sealed class TenantResolutionTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    private const string DomainPattern = "{0}.autotracker.test";
    private const string OtherPassword = "other-tenant-long-passphrase-17";

    [Fact]
    public async Task Api_OtherTenantHeader_Returns403()
    {
        var (a, b) = await CreateTwoTenantsAsync();
        var api = await ApiClient.SignInAsync(factory, a.Name);
        var before = await SnapshotAsync(a.Id, b.Id);

        using var list = await SendAsync(api, HttpMethod.Get, "/api/app/vehicles", header: b.Name);
        using var create = await SendAsync(api, HttpMethod.Post, "/api/app/vehicles", header: b.Name, body: new { make = "Ford", model = "Intruder" });

        list.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        list.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await list.Content.ReadAsStringAsync()).ShouldNotContain(b.VehicleModel);
        create.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await SnapshotAsync(a.Id, b.Id)).ShouldBe(before);
    }

    [Fact]
    public async Task Api_OwnTenantHeader_Returns200()
    {
        var (a, b) = await CreateTwoTenantsAsync();
        var api = await ApiClient.SignInAsync(factory, a.Name);

        using var response = await SendAsync(api, HttpMethod.Get, "/api/app/vehicles", header: a.Name.ToUpperInvariant());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain(a.VehicleModel);
        body.ShouldNotContain(b.VehicleModel);
    }

    [Fact]
    public async Task Api_HostAdminWithTenantHeader_Returns403()
    {
        var (_, b) = await CreateTwoTenantsAsync();
        var api = await ApiClient.SignInAsync(factory, null);

        using var response = await SendAsync(api, HttpMethod.Get, "/api/app/vehicles", header: b.Name);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain(b.VehicleModel);
    }

    [Fact]
    public async Task Api_OtherTenantCookie_Returns403()
    {
        var (a, b) = await CreateTwoTenantsAsync();
        var cookies = new CookieContainer();
        var http = factory.CreateBrowserClient(cookies);
        (await AutoTrackerWebFactory.PostLoginAsync(http, a.Name, "admin", AutoTrackerWebFactory.AdminPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var api = new ApiClient(http, await AutoTrackerWebFactory.GetApiTokenAsync(http));
        var before = await SnapshotAsync(a.Id, b.Id);
        cookies.Add(new Cookie(TenantCookie.Name, b.Name, "/", "localhost") { Secure = true, HttpOnly = true });

        using var list = await api.GetAsync("/api/app/vehicles");
        using var create = await api.PostAsync("/api/app/vehicles", new { make = "Ford", model = "Intruder" });

        list.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await list.Content.ReadAsStringAsync()).ShouldNotContain(b.VehicleModel);
        create.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await SnapshotAsync(a.Id, b.Id)).ShouldBe(before);
    }

    [Fact]
    public async Task Api_OwnTenantCookie_Returns200()
    {
        var (a, _) = await CreateTwoTenantsAsync();
        var cookies = new CookieContainer();
        var http = factory.CreateBrowserClient(cookies);
        (await AutoTrackerWebFactory.PostLoginAsync(http, a.Name, "admin", AutoTrackerWebFactory.AdminPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var api = new ApiClient(http, await AutoTrackerWebFactory.GetApiTokenAsync(http));
        cookies.Add(new Cookie(TenantCookie.Name, a.Name, "/", "localhost") { Secure = true, HttpOnly = true });

        using var response = await api.GetAsync("/api/app/vehicles");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Api_OtherTenantHostName_Returns403()
    {
        var (a, b) = await CreateTwoTenantsAsync();
        using var node = CreateDomainNode();
        var http = node.CreateDefaultClient(new Uri("https://localhost"), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(new CookieContainer()));
        (await AutoTrackerWebFactory.PostLoginAsync(http, a.Name, "admin", AutoTrackerWebFactory.AdminPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var api = new ApiClient(http, await AutoTrackerWebFactory.GetApiTokenAsync(http));
        var before = await SnapshotAsync(a.Id, b.Id);

        using var list = await SendAsync(api, HttpMethod.Get, "/api/app/vehicles", host: $"{b.Name}.autotracker.test");
        using var create = await SendAsync(api, HttpMethod.Post, "/api/app/vehicles", host: $"{b.Name}.autotracker.test", body: new { make = "Ford", model = "Intruder" });
        using var own = await SendAsync(api, HttpMethod.Get, "/api/app/vehicles", host: $"{a.Name.ToUpperInvariant()}.AutoTracker.test");

        list.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await list.Content.ReadAsStringAsync()).ShouldNotContain(b.VehicleModel);
        create.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await SnapshotAsync(a.Id, b.Id)).ShouldBe(before);
    }

    [Fact]
    public async Task Page_OtherTenantHostName_Returns403()
    {
        var (a, b) = await CreateTwoTenantsAsync();
        using var node = CreateDomainNode();
        var http = node.CreateDefaultClient(new Uri("https://localhost"), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(new CookieContainer()));
        (await AutoTrackerWebFactory.PostLoginAsync(http, a.Name, "admin", AutoTrackerWebFactory.AdminPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Vehicles");
        request.Headers.Host = $"{b.Name}.autotracker.test";

        using var response = await http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("data-testid=\"tenant-error\"");
        html.ShouldNotContain(b.VehicleModel);
    }

    [Fact]
    public async Task SignInPage_TenantSubdomain_ShowsTenantFixed()
    {
        using var node = CreateDomainNode();
        using var client = CreateClientOn(node, "demo.autotracker.test");

        var html = await client.GetStringAsync("/Account/Login");

        html.ShouldContain("data-testid=\"fixed-tenant\">demo<");
        html.ShouldNotContain("name=\"Input.TenantName\"");
        html.ShouldNotContain("data-testid=\"switch-tenant\"");
    }

    [Fact]
    public async Task SignIn_TenantSubdomain_RejectsOtherTenantUser()
    {
        var other = await CreateTenantAsync("other", OtherPassword);
        using var node = CreateDomainNode();
        using var client = CreateClientOn(node, "demo.autotracker.test");

        using var response = await AutoTrackerWebFactory.PostLoginAsync(client, other.Name, "admin", OtherPassword);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        HasAuthCookie(response).ShouldBeFalse();
        (await response.Content.ReadAsStringAsync()).ShouldContain("data-testid=\"login-error\"");
    }

    [Fact]
    public async Task SignIn_TenantSubdomain_UsesThatTenant()
    {
        using var node = CreateDomainNode();
        using var client = CreateClientOn(node, "demo.autotracker.test");

        // The posted tenant field is ignored: the address fixes the tenant.
        using var response = await AutoTrackerWebFactory.PostLoginAsync(client, "someone-else", "admin", AutoTrackerWebFactory.AdminPassword);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        HasAuthCookie(response).ShouldBeTrue();
    }

    [Fact]
    public async Task SignIn_UnknownSubdomain_ShowsError()
    {
        using var node = CreateDomainNode();
        using var client = CreateClientOn(node, "nosuchtenant.autotracker.test");

        var html = await client.GetStringAsync("/Account/Login");
        using var hostSignIn = await AutoTrackerWebFactory.PostLoginAsync(client, null, "admin", AutoTrackerWebFactory.AdminPassword);

        html.ShouldContain("This address names tenant &#x27;nosuchtenant&#x27;, which does not exist or is inactive.");
        hostSignIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        HasAuthCookie(hostSignIn).ShouldBeFalse();
    }

    [Fact]
    public async Task SignIn_InactiveSubdomain_ShowsErrorAndRejects()
    {
        var tenant = await CreateTenantAsync("sleepy", AutoTrackerWebFactory.AdminPassword);
        await factory.InScopeAsync<int>(null, sp => sp.GetRequiredService<AutoTrackerDbContext>().Tenants
            .Where(t => t.Id == tenant.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.IsActive, false)));
        using var node = CreateDomainNode();
        using var client = CreateClientOn(node, $"{tenant.Name}.autotracker.test");

        var html = await client.GetStringAsync("/Account/Login");
        using var response = await AutoTrackerWebFactory.PostLoginAsync(client, tenant.Name, "admin", AutoTrackerWebFactory.AdminPassword);

        html.ShouldContain($"This address names tenant &#x27;{tenant.Name}&#x27;, which does not exist or is inactive.");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        HasAuthCookie(response).ShouldBeFalse();
    }

    [Fact]
    public async Task Api_UnknownTenantHeaderAnonymous_Returns404NamingTenant()
    {
        using var client = factory.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/app/vehicles");
        request.Headers.Add(MultiTenancyOptions.DefaultTenantHeader, "nosuchtenant");

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await ApiClient.ReadJsonAsync(response);
        problem.GetProperty("detail").GetString()!.ShouldContain("'nosuchtenant'");
        problem.GetProperty("field").GetString().ShouldBe("__tenant header");
    }

    [Fact]
    public async Task Api_UnknownTenantCookieAnonymous_Returns404()
    {
        var cookies = new CookieContainer();
        cookies.Add(new Cookie(TenantCookie.Name, "nosuchtenant", "/", "localhost") { Secure = true });
        using var client = factory.CreateBrowserClient(cookies);

        using var response = await client.GetAsync("/api/app/vehicles");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ApiClient.ReadJsonAsync(response)).GetProperty("field").GetString().ShouldBe($"{TenantCookie.Name} cookie");
    }

    [Fact]
    public async Task Api_UnknownTenantHeaderSignedIn_Returns403()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");

        using var response = await SendAsync(api, HttpMethod.Get, "/api/app/vehicles", header: "nosuchtenant");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(0)]
    public async Task Api_InvalidTenantHeader_Returns400NamingHeader(int length)
    {
        var api = await ApiClient.SignInAsync(factory, "demo");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/app/vehicles");
        request.Headers.Add("RequestVerificationToken", await AutoTrackerWebFactory.GetApiTokenAsync(api.Http));
        if (length == 0)
        {
            // The header given twice, which no client does by accident.
            request.Headers.Add(MultiTenancyOptions.DefaultTenantHeader, ["demo", "demo"]);
        }
        else
        {
            request.Headers.Add(MultiTenancyOptions.DefaultTenantHeader, new string('a', length));
        }

        using var response = await api.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiClient.ReadJsonAsync(response)).GetProperty("field").GetString().ShouldBe("__tenant header");
    }

    /// <summary>
    /// Two tenant cookies with different values get 400, as a repeated tenant header does. Both orders are sent, so
    /// the test fails whichever of the two values ASP.NET Core would keep.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Api_TwoDifferentTenantCookies_Returns400NamingCookie(bool ownNameLast)
    {
        var (a, b) = await CreateTwoTenantsAsync();
        var api = await ApiClient.SignInAsync(factory, a.Name);
        var before = await SnapshotAsync(a.Id, b.Id);
        var cookies = ownNameLast ? new[] { b.Name, a.Name } : [a.Name, b.Name];

        using var list = await SendAsync(api, HttpMethod.Get, "/api/app/vehicles", tenantCookies: cookies);
        using var create = await SendAsync(api, HttpMethod.Post, "/api/app/vehicles", tenantCookies: cookies, body: new { make = "Ford", model = "Intruder" });

        list.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await ApiClient.ReadJsonAsync(list);
        problem.GetProperty("field").GetString().ShouldBe($"{TenantCookie.Name} cookie");
        problem.GetProperty("detail").GetString().ShouldBe($"Give the {TenantCookie.Name} cookie once, with a tenant name of 1 to 63 characters.");
        create.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await SnapshotAsync(a.Id, b.Id)).ShouldBe(before);
    }

    [Fact]
    public async Task Api_TwoDifferentTenantCookiesAnonymous_Returns400()
    {
        var (a, b) = await CreateTwoTenantsAsync();
        using var client = factory.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/app/vehicles");
        request.Headers.Add("Cookie", $"{TenantCookie.Name}={a.Name}; {TenantCookie.Name}={b.Name}");

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiClient.ReadJsonAsync(response)).GetProperty("field").GetString().ShouldBe($"{TenantCookie.Name} cookie");
    }

    [Fact]
    public async Task Page_TwoDifferentTenantCookies_Returns400ErrorPage()
    {
        var (a, b) = await CreateTwoTenantsAsync();
        var http = await factory.SignInAsync(a.Name, "admin", AutoTrackerWebFactory.AdminPassword);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Vehicles");
        request.Headers.Add("Cookie", $"{TenantCookie.Name}={b.Name}; {TenantCookie.Name}={a.Name}");

        using var response = await http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("data-testid=\"tenant-error\"");
        html.ShouldNotContain(a.VehicleModel);
    }

    [Fact]
    public async Task Api_SameTenantCookieTwice_Returns200()
    {
        var (a, _) = await CreateTwoTenantsAsync();
        var api = await ApiClient.SignInAsync(factory, a.Name);

        using var response = await SendAsync(api, HttpMethod.Get, "/api/app/vehicles", tenantCookies: [a.Name, a.Name]);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain(a.VehicleModel);
    }

    [Fact]
    public async Task SignIn_UnknownTenantCookie_ShowsError()
    {
        var cookies = new CookieContainer();
        cookies.Add(new Cookie(TenantCookie.Name, "nosuchtenant", "/", "localhost") { Secure = true });
        using var client = factory.CreateBrowserClient(cookies);

        var html = await client.GetStringAsync("/Account/Login");
        using var hostSignIn = await AutoTrackerWebFactory.PostLoginAsync(client, null, "admin", AutoTrackerWebFactory.AdminPassword);

        html.ShouldContain("The remembered tenant &#x27;nosuchtenant&#x27; does not exist or is inactive.");
        hostSignIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        HasAuthCookie(hostSignIn).ShouldBeFalse();
    }

    [Fact]
    public async Task SwitchTenant_KnownTenant_FixesSignIn()
    {
        var cookies = new CookieContainer();
        using var client = factory.CreateBrowserClient(cookies);

        using var switched = await PostSwitchAsync(client, "DEMO");
        var html = await client.GetStringAsync("/Account/Login");
        using var signIn = await AutoTrackerWebFactory.PostLoginAsync(client, null, "admin", AutoTrackerWebFactory.AdminPassword);

        switched.StatusCode.ShouldBe(HttpStatusCode.Redirect, await switched.Content.ReadAsStringAsync());
        var cookie = switched.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(TenantCookie.Name + "=", StringComparison.Ordinal));
        cookie.ShouldStartWith($"{TenantCookie.Name}=demo;");
        cookie.ShouldContain("secure", Case.Insensitive);
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=lax", Case.Insensitive);
        cookie.ShouldContain("path=/", Case.Insensitive);
        html.ShouldContain("data-testid=\"fixed-tenant\">demo<");
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The host admin has the same user name and password, so only the data distinguishes the two sign-ins.
        var api = new ApiClient(client, await AutoTrackerWebFactory.GetApiTokenAsync(client));
        using var vehicles = await api.GetAsync("/api/app/vehicles");
        vehicles.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await vehicles.Content.ReadAsStringAsync()).ShouldContain("Cherokee");
    }

    [Fact]
    public async Task SwitchTenant_UnknownTenant_ShowsError()
    {
        using var client = factory.CreateBrowserClient();

        using var response = await PostSwitchAsync(client, "nosuchtenant");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.TryGetValues("Set-Cookie", out var setCookies);
        (setCookies ?? []).ShouldNotContain(c => c.StartsWith(TenantCookie.Name + "=", StringComparison.Ordinal));
        (await response.Content.ReadAsStringAsync()).ShouldContain("No active tenant is named &#x27;nosuchtenant&#x27;.");
    }

    [Fact]
    public async Task SwitchTenant_WithoutAntiforgeryToken_Returns400()
    {
        using var client = factory.CreateBrowserClient();
        await client.GetStringAsync("/Account/Login");

        using var response = await client.PostAsync("/Account/Login?handler=SwitchTenant", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["SwitchTenantName"] = "demo",
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.TryGetValues("Set-Cookie", out var setCookies);
        (setCookies ?? []).ShouldNotContain(c => c.StartsWith(TenantCookie.Name + "=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SwitchTenant_EmptyName_ForgetsTenant()
    {
        var cookies = new CookieContainer();
        using var client = factory.CreateBrowserClient(cookies);
        (await PostSwitchAsync(client, "demo")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var response = await PostSwitchAsync(client, string.Empty);
        var html = await client.GetStringAsync("/Account/Login");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        html.ShouldContain("name=\"Input.TenantName\"");
        html.ShouldNotContain("data-testid=\"fixed-tenant\"");
    }

    private static async Task<HttpResponseMessage> PostSwitchAsync(HttpClient client, string tenantName)
    {
        var token = await AutoTrackerWebFactory.GetFormTokenAsync(client, "/Account/Login");
        return await client.PostAsync("/Account/Login?handler=SwitchTenant", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["SwitchTenantName"] = tenantName,
            ["__RequestVerificationToken"] = token,
        }));
    }

    private WebApplicationFactory<Program> CreateDomainNode() => factory.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("AutoTracker:MultiTenancy:DomainPattern", DomainPattern);
        builder.UseSetting("AllowedHosts", "localhost;*.autotracker.test");
    });

    private static HttpClient CreateClientOn(WebApplicationFactory<Program> node, string host) =>
        node.CreateDefaultClient(new Uri($"https://{host}"), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(new CookieContainer()));

    private static bool HasAuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
        && cookies.Any(c => c.StartsWith(ServiceRegistration.AuthCookieName + "=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Sends an API request with the given tenant hints. Each of <paramref name="tenantCookies"/> becomes one tenant
    /// cookie in an extra Cookie header, beside the header that carries the client's sign-in cookies.
    /// </summary>
    private static async Task<HttpResponseMessage> SendAsync(
        ApiClient api, HttpMethod method, string url, string? header = null, string? host = null, object? body = null, string[]? tenantCookies = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("RequestVerificationToken", await AutoTrackerWebFactory.GetApiTokenAsync(api.Http));
        if (header is not null)
        {
            request.Headers.Add(MultiTenancyOptions.DefaultTenantHeader, header);
        }

        if (tenantCookies is not null)
        {
            request.Headers.Add("Cookie", string.Join("; ", tenantCookies.Select(name => $"{TenantCookie.Name}={name}")));
        }

        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (body is not null)
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(body, options: ApiClient.Json);
        }

        return await api.Http.SendAsync(request);
    }

    private async Task<(TestTenant A, TestTenant B)> CreateTwoTenantsAsync() =>
        (await CreateTenantAsync("ta", AutoTrackerWebFactory.AdminPassword), await CreateTenantAsync("tb", AutoTrackerWebFactory.AdminPassword));

    /// <summary>Creates a tenant with an admin and one vehicle whose model name is unique to the tenant.</summary>
    private async Task<TestTenant> CreateTenantAsync(string prefix, string password)
    {
        var name = $"{prefix}{Guid.NewGuid():N}"[..16];
        var id = await factory.CreateTenantWithAdminAsync(name, password);
        var model = $"Model-{name}";
        await factory.InScopeAsync(id, async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            db.Vehicles.Add(new AutoTracker.Vehicles.Vehicle(Guid.NewGuid(), "Volvo", model, AutoTracker.Vehicles.MeterUnit.Kilometers, AutoTracker.Vehicles.VehicleKind.Fleet));
            return await db.SaveChangesAsync();
        });
        return new TestTenant(id, name, model);
    }

    /// <summary>Every vehicle of both tenants as id, tenant and model, read past the tenant filter.</summary>
    private Task<string> SnapshotAsync(Guid a, Guid b) => factory.InScopeAsync<string>(null, async sp =>
    {
        var rows = await sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.IgnoreQueryFilters()
            .Where(v => v.TenantId == a || v.TenantId == b)
            .OrderBy(v => v.Id)
            .Select(v => new { v.Id, v.TenantId, v.Model, v.Make, v.ConcurrencyStamp })
            .ToListAsync();
        return string.Join(";", rows.Select(r => $"{r.Id}|{r.TenantId}|{r.Make}|{r.Model}|{r.ConcurrencyStamp}"));
    });

    private sealed record TestTenant(Guid Id, string Name, string VehicleModel);
}
