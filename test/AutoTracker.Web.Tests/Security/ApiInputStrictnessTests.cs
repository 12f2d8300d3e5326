using System.Net;
using System.Text;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.Security;

public sealed class ApiInputStrictnessTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    [Theory]
    [InlineData("{\"make\":\"A\",\"model\":\"B\",\"kind\":\"Boat\"}")]
    [InlineData("{\"make\":\"A\",\"model\":\"B\",\"modelYear\":\"2020\"}")]
    [InlineData("{\"make\":\"A\",\"model\":\"B\",\"make\":\"C\"}")]
    [InlineData("{\"make\":\"A\",\"model\":\"B\",\"modelYear\":20.5}")]
    [InlineData("{\"make\":\"A\",\"model\":")]
    [InlineData("[1,2,3]")]
    public async Task Create_MalformedJson_Returns400WithoutTypeNamesAndSavesNothing(string body)
    {
        var api = await ApiClient.SignInAsync(factory, "demo");
        var tenantId = await factory.GetTenantIdAsync("demo");
        var before = await factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.CountAsync());

        using var response = await api.PostAsync("/api/app/vehicles", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldNotContain("AutoTracker.");
        text.ShouldNotContain("System.");
        text.ShouldNotContain("Nullable");
        (await factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Create_InvalidModelYear_KeysErrorByJsonName()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");

        using var response = await api.PostAsync("/api/app/vehicles", new { make = "A", model = "B", modelYear = 1800 });

        var problem = await ApiClient.ReadJsonAsync(response);
        problem.GetProperty("errors").TryGetProperty("modelYear", out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("/api/app/vehicles?kind=Fleet&kind=Inventory")]
    [InlineData("/api/app/vehicles?take=10&take=20")]
    public async Task List_RepeatedQueryParameter_Returns400(string url)
    {
        var api = await ApiClient.SignInAsync(factory, "demo");

        using var response = await api.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Theory]
    [InlineData("GET", "/api/app/vehicles/not-a-guid", 404)]
    [InlineData("GET", "/api/app/no-such-thing", 404)]
    [InlineData("PATCH", "/api/app/vehicles/00000000-0000-0000-0000-000000000001", 405)]
    public async Task Api_UnmatchedRoute_ReturnsProblemJson(string method, string url, int status)
    {
        var api = await ApiClient.SignInAsync(factory, "demo");

        using var response = await api.SendAsync(new HttpMethod(method), url, null);

        ((int)response.StatusCode).ShouldBe(status);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }
}
