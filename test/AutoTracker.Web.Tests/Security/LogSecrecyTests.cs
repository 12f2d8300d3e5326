using System.Net;
using AutoTracker.Web.Tests.Infrastructure;

namespace AutoTracker.Web.Tests.Security;

public sealed class LogSecrecyTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    [Fact]
    public async Task Logs_AfterSignInsAndApiCalls_ContainNoSecret()
    {
        const string wrongPassword = "wrong-but-distinctive-passphrase-77";
        using var anonymous = factory.CreateBrowserClient();
        (await AutoTrackerWebFactory.PostLoginAsync(anonymous, "demo", "admin", wrongPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AutoTrackerWebFactory.PostLoginAsync(anonymous, "nosuchtenant", "admin", wrongPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var cookies = new CookieContainer();
        using var client = factory.CreateBrowserClient(cookies);
        (await AutoTrackerWebFactory.PostLoginAsync(client, "demo", "admin", AutoTrackerWebFactory.AdminPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var token = await AutoTrackerWebFactory.GetApiTokenAsync(client);
        var api = new ApiClient(client, token);
        (await api.PostAsync("/api/app/vehicles", new { make = "Log", model = "Probe" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await api.SendAsync(HttpMethod.Post, "/api/app/vehicles", new { make = "Log", model = "Probe" }, withToken: false)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var authCookie = cookies.GetCookies(new Uri("https://localhost"))["__Host-AutoTracker"]!.Value;
        var secrets = new[] { AutoTrackerWebFactory.AdminPassword, wrongPassword, authCookie, token, factory.ConnectionString };
        var logText = factory.Logs.AllText().ToList();

        logText.Count.ShouldBeGreaterThan(0);
        foreach (var secret in secrets)
        {
            logText.ShouldNotContain(line => line.Contains(secret, StringComparison.Ordinal), $"a log event contains a secret ({secret.Length} characters)");
        }

        logText.ShouldContain(line => line.Contains("wrong password for user", StringComparison.Ordinal));
    }
}
