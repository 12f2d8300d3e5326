using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace AutoTracker.Web.Tests.Nodes;

/// <summary>An invalid setting stops the start with a message that names its key.</summary>
public sealed class StartupValidationTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    [Theory]
    [InlineData("AutoTracker:ReverseProxy:KnownNetworks:0", "172.30.0.1/24", "the network that contains it is 172.30.0.0/24")]
    [InlineData("AutoTracker:ReverseProxy:KnownNetworks:0", "172.30.0.0", "CIDR notation")]
    [InlineData("AutoTracker:ReverseProxy:KnownNetworks:0", "172.30.0.0/33", "at most 32")]
    [InlineData("AutoTracker:ReverseProxy:KnownNetworks:0", "0.0.0.0/0", "trusts every address")]
    [InlineData("AutoTracker:ReverseProxy:KnownNetworks:0", "proxy.internal/24", "'proxy.internal/24'")]
    [InlineData("AutoTracker:ReverseProxy:KnownProxies:0", "10.1", "'10.1'")]
    [InlineData("AutoTracker:ReverseProxy:KnownProxies:0", "010.0.0.1", "'010.0.0.1'")]
    [InlineData("AutoTracker:ReverseProxy:KnownProxies:0", "nginx", "'nginx'")]
    [InlineData("AutoTracker:ReverseProxy:ForwardLimit", "0", "between 1 and 10")]
    [InlineData("AutoTracker:PublicBaseUrl", "fleet.example.com", "absolute http or https URL")]
    [InlineData("AutoTracker:PublicBaseUrl", "ftp://fleet.example.com", "absolute http or https URL")]
    [InlineData("AutoTracker:PublicBaseUrl", "https://fleet.example.com/?tenant=1", "query or fragment")]
    [InlineData("AutoTracker:PublicBaseUrl", "https://fleet.example.com/#top", "query or fragment")]
    [InlineData("AutoTracker:PublicBaseUrl", "https://fleet.example.com/autotracker", "must not have a path")]
    [InlineData("AutoTracker:PublicBaseUrl", "https://user:pass@fleet.example.com", "user name or password")]
    [InlineData("AutoTracker:Redis:Configuration", "connectTimeout=100", "names no server")]
    [InlineData("AutoTracker:Redis:InstanceName", "two words", "without spaces")]
    [InlineData("AutoTracker:MultiTenancy:DomainPattern", "autotracker.example", "must contain {0} exactly once")]
    [InlineData("AutoTracker:MultiTenancy:DomainPattern", "{0}.{0}.example", "must contain {0} exactly once")]
    [InlineData("AutoTracker:MultiTenancy:DomainPattern", "fleet-{0}.example", "as a whole label")]
    [InlineData("AutoTracker:MultiTenancy:DomainPattern", "{0}", "must name a domain")]
    [InlineData("AutoTracker:MultiTenancy:DomainPattern", "https://{0}.autotracker.example", "without scheme, port or path")]
    [InlineData("AutoTracker:MultiTenancy:DomainPattern", "{0}.autotracker.example:8443", "without scheme, port or path")]
    [InlineData("AutoTracker:MultiTenancy:TenantHeader", "two words", "not a valid HTTP header name")]
    public void Start_InvalidSetting_FailsNamingKey(string key, string value, string expected)
    {
        using var node = factory.WithWebHostBuilder(builder => builder.UseSetting(key, value));

        var error = Should.Throw<Exception>(() => node.CreateClient());

        var message = error.ToString();
        message.ShouldContain(key);
        message.ShouldContain(expected);
    }

    [Fact]
    public void Start_InvalidRedisConfiguration_HidesPassword()
    {
        const string password = "redis-secret-4711";
        using var node = factory.WithWebHostBuilder(builder => builder.UseSetting("AutoTracker:Redis:Configuration", $"password={password},ssl=maybe"));

        var error = Should.Throw<Exception>(() => node.CreateClient());

        var message = error.ToString();
        message.ShouldContain("AutoTracker:Redis:Configuration");
        message.ShouldNotContain(password);
        factory.Logs.AllText().ShouldNotContain(line => line.Contains(password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RedisUnreachable_Logs_HidePassword()
    {
        const string password = "redis-secret-0815";
        using var node = factory.WithWebHostBuilder(builder =>
            builder.UseSetting("AutoTracker:Redis:Configuration", $"127.0.0.1:{ClosedLoopbackPort()},password={password}"));
        using var client = node.CreateDefaultClient(new Uri("https://localhost"));

        // Without Redis the key ring cannot be read, so the sign-in page gets 503 and the errors are logged.
        using var response = await client.GetAsync("/Account/Login");

        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.ServiceUnavailable);
        factory.Logs.AllText().ShouldContain(line => line.Contains("is not reachable at start-up", StringComparison.Ordinal));
        factory.Logs.AllText().ShouldNotContain(line => line.Contains(password, StringComparison.Ordinal));
    }

    private static int ClosedLoopbackPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
