using System.Net;
using AutoTracker.Domain;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.TenantManagement;
using AutoTracker.Vehicles;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.Vehicles;

/// <summary>
/// Many vehicle creates and vehicle imports sent at the same time to a tenant with a vehicle limit. The tenant ends
/// with exactly its limit, and every rejected request gets the limit error. When the tenant's vehicle lock stays
/// busy, a request gets 409 after a bounded wait instead of hanging.
/// </summary>
public sealed class VehicleLimitRaceTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    [Fact]
    public async Task ParallelCreates_OverLimit_StopAtLimit()
    {
        var (name, tenantId) = await CreateLimitedTenantAsync(maxVehicles: 5);
        var api = await ApiClient.SignInAsync(factory, name);

        var responses = await SendTogetherAsync(Enumerable.Range(0, 24).Select(i => (Func<Task<HttpResponseMessage>>)(
            () => api.PostAsync("/api/app/vehicles", new { make = "Volvo", model = $"FH #{i}" }))));

        responses.Count(r => r.Status == HttpStatusCode.Created).ShouldBe(5);
        ShouldAllBeLimitErrors(responses, max: 5, counts: [5]);
        (await CountVehiclesAsync(tenantId)).ShouldBe(5);
    }

    [Fact]
    public async Task ImportsAndCreates_OverLimit_StopAtLimit()
    {
        var (name, tenantId) = await CreateLimitedTenantAsync(maxVehicles: 5);
        var api = await ApiClient.SignInAsync(factory, name);
        var batches = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            batches.Add(await PreviewTwoVehiclesAsync(api, i));
        }

        // Whatever the order of the four imports of two vehicles and the six single creates, the tenant ends with five.
        var imports = batches.Select(id => (Func<Task<HttpResponseMessage>>)(() => api.PostAsync($"/api/app/vehicle-imports/{id}/commit", null)));
        var creates = Enumerable.Range(0, 6).Select(i => (Func<Task<HttpResponseMessage>>)(
            () => api.PostAsync("/api/app/vehicles", new { make = "Volvo", model = $"FM #{i}" })));
        var responses = await SendTogetherAsync(imports.Concat(creates));

        var importedVehicles = responses.Take(4).Count(r => r.Status == HttpStatusCode.OK) * 2;
        var createdVehicles = responses.Skip(4).Count(r => r.Status == HttpStatusCode.Created);
        (importedVehicles + createdVehicles).ShouldBe(5, string.Join("\n", responses.Select(r => $"{(int)r.Status} {r.Body}")));

        // An import of two is rejected at four vehicles already.
        ShouldAllBeLimitErrors(responses, max: 5, counts: [4, 5]);
        (await CountVehiclesAsync(tenantId)).ShouldBe(5);
    }

    [Fact]
    public async Task Create_VehicleLockBusy_Returns409()
    {
        var (name, tenantId) = await CreateLimitedTenantAsync(maxVehicles: 5);
        using var node = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddScoped(sp =>
        {
            var checker = ActivatorUtilities.CreateInstance<TenantLimitChecker>(sp);
            checker.VehicleLockTimeout = TimeSpan.FromSeconds(1);
            return checker;
        })));
        var http = node.CreateDefaultClient(new Uri("https://localhost"), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler());
        (await AutoTrackerWebFactory.PostLoginAsync(http, name, "admin", AutoTrackerWebFactory.AdminPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var api = new ApiClient(http, await AutoTrackerWebFactory.GetApiTokenAsync(http));
        var formToken = await AutoTrackerWebFactory.GetFormTokenAsync(http, "/Vehicles/Create");
        var databaseLock = factory.Services.GetRequiredService<IDatabaseLock>();
        const string message = "Other requests of this tenant were adding vehicles, and this one stopped waiting for them after 1 s. Nothing was saved. Try again in a moment.";

        HttpResponseMessage apiResponse;
        HttpResponseMessage pageResponse;
        await using (await databaseLock.AcquireAsync(TenantLimitChecker.VehicleLockName(tenantId), TimeSpan.FromSeconds(5), CancellationToken.None))
        {
            apiResponse = await api.PostAsync("/api/app/vehicles", new { make = "Volvo", model = "Waiting" });
            pageResponse = await http.PostAsync("/Vehicles/Create", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Make"] = "Volvo",
                ["Input.Model"] = "Waiting",
                ["Input.MeterUnit"] = "Miles",
                ["__RequestVerificationToken"] = formToken,
            }));
        }

        using (apiResponse)
        using (pageResponse)
        {
            apiResponse.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            apiResponse.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
            (await ApiClient.ReadJsonAsync(apiResponse)).GetProperty("title").GetString().ShouldBe(message);
            pageResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await pageResponse.Content.ReadAsStringAsync()).ShouldContain(message);
        }

        (await CountVehiclesAsync(tenantId)).ShouldBe(0);
        using var afterRelease = await api.PostAsync("/api/app/vehicles", new { make = "Volvo", model = "After" });
        afterRelease.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    private sealed record CallResult(HttpStatusCode Status, string Body);

    /// <summary>Starts every request at once and returns each status and body, in the order of <paramref name="requests"/>.</summary>
    private static async Task<List<CallResult>> SendTogetherAsync(IEnumerable<Func<Task<HttpResponseMessage>>> requests)
    {
        using var start = new ManualResetEventSlim();
        var tasks = requests.Select(send => Task.Run(async () =>
        {
            start.Wait();
            using var response = await send();
            return new CallResult(response.StatusCode, await response.Content.ReadAsStringAsync());
        })).ToList();
        start.Set();
        return [.. await Task.WhenAll(tasks)];
    }

    /// <summary>
    /// Checks that every response that is not a success is the 400 problem of the vehicle limit, with one of
    /// <paramref name="counts"/> as the tenant's vehicle count in its message.
    /// </summary>
    private static void ShouldAllBeLimitErrors(IEnumerable<CallResult> responses, int max, int[] counts)
    {
        var messages = counts.Select(count => $"This tenant may keep at most {max} vehicles and has {count}; ask the operator to raise the limit.").ToList();
        foreach (var refused in responses.Where(r => (int)r.Status is < 200 or > 299))
        {
            refused.Status.ShouldBe(HttpStatusCode.BadRequest, refused.Body);
            var problem = System.Text.Json.JsonDocument.Parse(refused.Body).RootElement;
            problem.GetProperty("code").GetString().ShouldBe(ErrorCodes.VehicleLimitReached);
            messages.ShouldContain(problem.GetProperty("title").GetString());
        }
    }

    private static async Task<Guid> PreviewTwoVehiclesAsync(ApiClient api, int index)
    {
        using var form = TenantRecords.ImportForm($"make,model,meter_unit\nToyota,Camry {index},Miles\nHonda,Civic {index},Miles\n");
        using var response = await api.PostAsync("/api/app/vehicle-imports/preview", form);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await ApiClient.ReadAsync<ImportPreviewDto>(response)).BatchId;
    }

    private async Task<(string Name, Guid Id)> CreateLimitedTenantAsync(int maxVehicles)
    {
        var name = $"lim{Guid.NewGuid():N}"[..16];
        var id = await factory.CreateTenantWithAdminAsync(name);
        await factory.InScopeAsync(null, async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            var tenant = await db.Tenants.SingleAsync(t => t.Id == id);
            tenant.SetLimits(maxVehicles, maxUsers: null);
            return await db.SaveChangesAsync();
        });
        return (name, id);
    }

    private Task<int> CountVehiclesAsync(Guid tenantId) =>
        factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.CountAsync());
}
