using System.Net;
using System.Net.Http.Json;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.Security;

public sealed class HttpHardeningTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/Account/Login")]
    [InlineData("/api/app/vehicles")]
    [InlineData("/no-such-page")]
    public async Task Response_AnyPage_CarriesSecurityHeaders(string path)
    {
        // HSTS is never sent to localhost, so this request uses another allowed host name.
        using var client = factory.CreateDefaultClient(new Uri("https://autotracker.test"));

        using var response = await client.GetAsync(path);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldContain("object-src 'none'");
        csp.ShouldContain("base-uri 'none'");
        csp.ShouldContain("script-src 'self' 'nonce-");
        csp.ShouldNotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("strict-origin-when-cross-origin");
        response.Headers.Contains("Permissions-Policy").ShouldBeTrue();
        response.Headers.GetValues("Strict-Transport-Security").Single().ShouldBe("max-age=31536000; includeSubDomains");
        response.Headers.Contains("Server").ShouldBeFalse();
    }

    [Fact]
    public async Task Health_NoInput_ReturnsPlainHealthy()
    {
        using var client = factory.CreateBrowserClient();

        using var response = await client.GetAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/plain; charset=utf-8");
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Theory]
    [InlineData("/health?verbose=true")]
    [InlineData("/health?")]
    public async Task Health_QueryString_Returns400(string url)
    {
        using var client = factory.CreateBrowserClient();

        using var response = await client.GetAsync(url);

        if (url.EndsWith('?'))
        {
            // An empty query string is no input at all.
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            return;
        }

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Health_Body_Returns400()
    {
        using var client = factory.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health") { Content = new StringContent("x") };

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Health_OtherMethods_AreNotAllowed(string method)
    {
        using var client = factory.CreateBrowserClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/health"));

        // Only GET is mapped; other methods fall to the sign-in requirement like any unknown page.
        ((int)response.StatusCode).ShouldBeOneOf(302, 405);
    }

    [Fact]
    public async Task ApiPost_CookieWithoutAntiforgeryToken_Returns400AndCreatesNothing()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");
        var tenantId = await factory.GetTenantIdAsync("demo");
        var before = await factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.CountAsync());

        using var missing = await api.SendAsync(HttpMethod.Post, "/api/app/vehicles", new { make = "Csrf", model = "Attempt" }, withToken: false);
        using var forged = await api.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/app/vehicles")
        {
            Headers = { { "RequestVerificationToken", "forged-token" } },
            Content = JsonContent.Create(new { make = "Csrf", model = "Attempt" }),
        });

        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        missing.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var after = await factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.CountAsync());
        after.ShouldBe(before);
    }

    [Fact]
    public async Task ApiPost_WithAntiforgeryToken_IsAccepted()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");

        using var response = await api.PostAsync("/api/app/vehicles", new { make = "Token", model = "Holder" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task ApiPost_NoCookie_Returns401NotAntiforgeryError()
    {
        using var client = factory.CreateBrowserClient();

        using var response = await client.PostAsJsonAsync("/api/app/vehicles", new { make = "A", model = "B" });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Api_JsonWithTypeHint_IsIgnored()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");

        using var response = await api.PostAsync("/api/app/vehicles", new StringContent(
            "{\"$type\":\"System.IO.FileInfo, System.IO.FileSystem\",\"make\":\"Typed\",\"model\":\"Json\",\"tenantId\":\"00000000-0000-0000-0000-000000000001\"}",
            System.Text.Encoding.UTF8,
            "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var tenantId = await factory.GetTenantIdAsync("demo");
        var created = await ApiClient.ReadAsync<AutoTracker.Vehicles.VehicleDto>(response);
        var storedTenant = await factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.Where(v => v.Id == created.Id).Select(v => v.TenantId).SingleAsync());
        storedTenant.ShouldBe(tenantId);
    }

    [Theory]
    [InlineData("/appsettings.json")]
    [InlineData("/.git/HEAD")]
    [InlineData("/App_Data/autotracker.db")]
    [InlineData("/lib/")]
    public async Task SensitivePaths_AreNotServed(string path)
    {
        var client = await factory.SignInAsync("demo", "admin", AutoTrackerWebFactory.AdminPassword);

        using var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Request_UnknownHost_IsRejected()
    {
        using var client = factory.CreateDefaultClient(new Uri("https://evil.test"));

        using var response = await client.GetAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task SignIn_OverRateLimit_Returns429()
    {
        using var limited = factory.WithWebHostBuilder(b => b.UseSetting("AutoTracker:RateLimits:SignInPerMinute", "3"));
        using var client = limited.CreateDefaultClient(new Uri("https://localhost"), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler());
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 5; i++)
        {
            using var response = await AutoTrackerWebFactory.PostLoginAsync(client, "demo", $"nobody{i}", "not-a-real-password");
            statuses.Add(response.StatusCode);
        }

        statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.OK);
        statuses.Skip(3).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Trace_IsRejected()
    {
        using var client = factory.CreateBrowserClient();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Trace, "/"));

        ((int)response.StatusCode).ShouldBeOneOf(302, 401, 404, 405);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("TRACE");
    }

    [Fact]
    public async Task UnhandledApiError_ReturnsGeneric500WithoutDetails()
    {
        using var throwing = factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.AddControllers().AddApplicationPart(typeof(FailingController).Assembly)));
        var http = throwing.CreateDefaultClient(new Uri("https://localhost"), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler());
        (await AutoTrackerWebFactory.PostLoginAsync(http, "demo", "admin", AutoTrackerWebFactory.AdminPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var api = new ApiClient(http, await AutoTrackerWebFactory.GetApiTokenAsync(http));

        using var response = await api.GetAsync("/api/test-failure");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("An unexpected error occurred.");
        body.ShouldNotContain("SELECT");
        body.ShouldNotContain("InvalidOperationException");
        body.ShouldNotContain(" at ");
        body.ShouldNotContain("secret-detail");
    }

}

/// <summary>A route that fails the way a database error would, with a message that must not reach the client.</summary>
[Microsoft.AspNetCore.Mvc.ApiController]
[Microsoft.AspNetCore.Mvc.Route("api/test-failure")]
public sealed class FailingController : Microsoft.AspNetCore.Mvc.ControllerBase
{
    [Microsoft.AspNetCore.Mvc.HttpGet]
    public string Get() => throw new InvalidOperationException("secret-detail: SELECT * FROM AspNetUsers failed");
}
