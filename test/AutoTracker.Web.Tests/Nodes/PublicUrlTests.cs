using System.Net;
using AutoTracker.Hosting;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AutoTracker.Web.Tests.Nodes;

/// <summary>
/// A forged Host header must not reach a Location header or a page. Host filtering is opened to any host here
/// (AllowedHosts=*), as a misconfigured deployment or Development would have it.
/// </summary>
public sealed class PublicUrlTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    private const string ForgedHost = "evil.example";

    [Theory]
    [InlineData("Testing")]
    [InlineData("Development")]
    public async Task SignInRedirect_ForgedHost_IsRelative(string environment)
    {
        using var node = StartNode(environment);
        using var client = CreateForgedHostClient(node);

        using var response = await client.GetAsync("/Vehicles?page=2");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!.OriginalString;
        location.ShouldBe("/Account/Login?ReturnUrl=%2FVehicles%3Fpage%3D2");
        location.ShouldNotContain(ForgedHost);
    }

    [Fact]
    public async Task SignInRedirect_BaseUrlSet_StartsWithIt()
    {
        using var node = StartNode("Testing", "https://fleet.example.com");
        using var client = CreateForgedHostClient(node);

        using var response = await client.GetAsync("/Vehicles");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!.OriginalString;
        location.ShouldStartWith("https://fleet.example.com/Account/Login?ReturnUrl=");
        location.ShouldNotContain(ForgedHost);
    }

    [Theory]
    [InlineData(null, "/Account/AccessDenied?ReturnUrl=%2Ftest-forbidden")]
    [InlineData("https://fleet.example.com:8443", "https://fleet.example.com:8443/Account/AccessDenied?ReturnUrl=%2Ftest-forbidden")]
    public async Task AccessDeniedRedirect_ForgedHost_IsNotUsed(string? baseUrl, string expected)
    {
        using var node = StartNode("Testing", baseUrl, withTestEndpoints: true);
        using var client = CreateForgedHostClient(node);
        (await AutoTrackerWebFactory.PostLoginAsync(client, "demo", "admin", AutoTrackerWebFactory.AdminPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var response = await client.GetAsync("/test-forbidden");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe(expected);
    }

    [Fact]
    public async Task ApiCreated_ForgedHost_LocationIsRelative()
    {
        using var node = StartNode("Testing");
        using var client = CreateForgedHostClient(node);
        (await AutoTrackerWebFactory.PostLoginAsync(client, "demo", "admin", AutoTrackerWebFactory.AdminPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var api = new ApiClient(client, await AutoTrackerWebFactory.GetApiTokenAsync(client));

        using var response = await api.PostAsync("/api/app/vehicles", new { make = "Host", model = "Header" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = await ApiClient.ReadAsync<AutoTracker.Vehicles.VehicleDto>(response);
        response.Headers.Location!.OriginalString.ShouldBe($"/api/app/vehicles/{created.Id}");
    }

    [Fact]
    public async Task Pages_ForgedHost_IsNotInBody()
    {
        using var node = StartNode("Testing");
        using var client = CreateForgedHostClient(node);
        var signInPage = await client.GetStringAsync("/Account/Login?ReturnUrl=%2FVehicles");
        (await AutoTrackerWebFactory.PostLoginAsync(client, "demo", "admin", AutoTrackerWebFactory.AdminPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var vehiclesPage = await client.GetStringAsync("/Vehicles");

        signInPage.ShouldNotContain(ForgedHost);
        vehiclesPage.ShouldNotContain(ForgedHost);
    }

    [Theory]
    [InlineData("https://fleet.example.com/", "/Account/Login?ReturnUrl=%2F", "https://fleet.example.com/Account/Login?ReturnUrl=%2F")]
    [InlineData("https://fleet.example.com", "/", "https://fleet.example.com/")]
    [InlineData("https://FLEET.example.com:443", "/x", "https://fleet.example.com/x")]
    [InlineData("http://fleet.example.com:8080", "/x", "http://fleet.example.com:8080/x")]
    [InlineData("https://bücher.example", "/x", "https://xn--bcher-kva.example/x")]
    [InlineData("https://[2001:db8::1]:8443", "/x", "https://[2001:db8::1]:8443/x")]
    public void Builder_BaseUrlSet_BuildsFromIt(string baseUrl, string path, string expected)
    {
        var builder = CreateBuilder(baseUrl, Environments.Production);

        builder.Build(path).OriginalString.ShouldBe(expected);
    }

    [Fact]
    public async Task SignInRedirect_InternationalBaseUrl_IsAscii()
    {
        using var node = StartNode("Testing", "https://bücher.example");
        using var client = CreateForgedHostClient(node);

        using var response = await client.GetAsync("/Vehicles");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldStartWith("https://xn--bcher-kva.example/Account/Login?ReturnUrl=");
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("Account/Login")]
    [InlineData("")]
    [InlineData("/line\nbreak")]
    public void Builder_NotAnAppPath_IsRejected(string path)
    {
        var builder = CreateBuilder("https://fleet.example.com", Environments.Production);

        Should.Throw<ArgumentException>(() => builder.Build(path));
    }

    [Fact]
    public void Builder_NoBaseUrlInProduction_Throws()
    {
        var builder = CreateBuilder(null, Environments.Production, "http://[::]:5000");

        var error = Should.Throw<InvalidOperationException>(() => builder.Build("/Account/Login"));

        error.Message.ShouldContain("AutoTracker:PublicBaseUrl");
    }

    [Theory]
    [InlineData("http://[::]:5000", "http://localhost:5000/Account/Login")]
    [InlineData("http://0.0.0.0:5000", "http://localhost:5000/Account/Login")]
    [InlineData("https://localhost:5001", "https://localhost:5001/Account/Login")]
    public void Builder_NoBaseUrlInDevelopment_UsesServerAddress(string serverAddress, string expected)
    {
        var builder = CreateBuilder(null, Environments.Development, serverAddress);

        builder.Build("/Account/Login").AbsoluteUri.ShouldBe(expected);
    }

    private WebApplicationFactory<Program> StartNode(string environment, string? baseUrl = null, bool withTestEndpoints = false) =>
        factory.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("AllowedHosts", "*");
            // An empty value removes the base URL that the shared test factory sets for e-mail links.
            builder.UseSetting(PublicUrlOptions.Key, baseUrl ?? string.Empty);

            if (withTestEndpoints)
            {
                builder.AddTestEndpoints();
            }
        });

    private static HttpClient CreateForgedHostClient(WebApplicationFactory<Program> node) =>
        node.CreateDefaultClient(new Uri($"https://{ForgedHost}"), new CookieContainerHandler());

    private static PublicUrlBuilder CreateBuilder(string? baseUrl, string environment, params string[] serverAddresses)
    {
        var options = Options.Create(new PublicUrlOptions { PublicBaseUrl = baseUrl });
        return new PublicUrlBuilder(options, new TestEnvironment(environment), new AddressOnlyServer(serverAddresses));
    }

    private sealed class TestEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "AutoTracker.Web";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }

    /// <summary>A server that only reports the addresses it would listen on.</summary>
    private sealed class AddressOnlyServer : IServer
    {
        public AddressOnlyServer(string[] addresses)
        {
            var feature = new ServerAddressesFeature();
            foreach (var address in addresses)
            {
                feature.Addresses.Add(address);
            }

            Features.Set<IServerAddressesFeature>(feature);
        }

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
