using System.Net;
using System.Net.Http.Json;
using AutoTracker.Web.Tests.Infrastructure;

namespace AutoTracker.Web.Tests.Nodes;

/// <summary>
/// X-Forwarded-For and X-Forwarded-Proto on a real Kestrel server, where every request comes from 127.0.0.1.
/// The addresses in the headers are documentation addresses (RFC 5737) that nothing connects to.
/// </summary>
public sealed class ForwardedHeadersTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    public static TheoryData<string, string> UntrustedSettings => new()
    {
        { "none", string.Empty },
        { "AutoTracker:ReverseProxy:KnownProxies:0", "192.0.2.10" },
        { "AutoTracker:ReverseProxy:KnownNetworks:0", "192.0.2.0/24" },
    };

    public static TheoryData<string, string> TrustedSettings => new()
    {
        { "AutoTracker:ReverseProxy:KnownProxies:0", "127.0.0.1" },
        { "AutoTracker:ReverseProxy:KnownNetworks:0", "127.0.0.0/8" },
    };

    [Theory]
    [MemberData(nameof(UntrustedSettings))]
    public async Task UntrustedPeer_Headers_AreIgnored(string key, string value)
    {
        using var node = StartNode(key, value);
        using var client = node.CreateClient(("X-Forwarded-For", "203.0.113.7"), ("X-Forwarded-Proto", "http"));

        var echo = await client.GetFromJsonAsync<ConnectionEcho>("/api/test-connection");

        echo.ShouldNotBeNull();
        echo.RemoteAddress.ShouldBe("127.0.0.1");
        echo.Scheme.ShouldBe("https");
    }

    [Theory]
    [MemberData(nameof(UntrustedSettings))]
    public async Task UntrustedPeer_SpoofedClients_ShareOneBudget(string key, string value)
    {
        using var node = StartNode(key, value, ("AutoTracker:RateLimits:SignInPerMinute", "3"));
        using var first = node.CreateClient(("X-Forwarded-For", "203.0.113.1"));
        using var second = node.CreateClient(("X-Forwarded-For", "203.0.113.2"));
        var statuses = new List<HttpStatusCode>();

        foreach (var client in new[] { first, second, first, second, first })
        {
            using var response = await AutoTrackerWebFactory.PostLoginAsync(client, "demo", "nobody", "not-a-real-password");
            statuses.Add(response.StatusCode);
        }

        statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.OK);
        statuses.Skip(3).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
    }

    [Theory]
    [MemberData(nameof(TrustedSettings))]
    public async Task TrustedProxy_Headers_SetClientAndScheme(string key, string value)
    {
        using var node = StartNode(key, value);
        using var client = node.CreateClient(("X-Forwarded-For", "203.0.113.7"), ("X-Forwarded-Proto", "http"));

        var echo = await client.GetFromJsonAsync<ConnectionEcho>("/api/test-connection");

        echo.ShouldNotBeNull();
        echo.RemoteAddress.ShouldBe("203.0.113.7");
        echo.Scheme.ShouldBe("http");
    }

    [Theory]
    [MemberData(nameof(TrustedSettings))]
    public async Task TrustedProxy_ForwardedClients_HaveOwnBudgets(string key, string value)
    {
        using var node = StartNode(key, value, ("AutoTracker:RateLimits:SignInPerMinute", "3"));
        using var first = node.CreateClient(("X-Forwarded-For", "203.0.113.1"), ("X-Forwarded-Proto", "https"));
        using var second = node.CreateClient(("X-Forwarded-For", "203.0.113.2"), ("X-Forwarded-Proto", "https"));
        var firstStatuses = new List<HttpStatusCode>();
        var secondStatuses = new List<HttpStatusCode>();

        for (var i = 0; i < 4; i++)
        {
            using var response = await AutoTrackerWebFactory.PostLoginAsync(first, "demo", "nobody", "not-a-real-password");
            firstStatuses.Add(response.StatusCode);
        }

        for (var i = 0; i < 3; i++)
        {
            using var response = await AutoTrackerWebFactory.PostLoginAsync(second, "demo", "nobody", "not-a-real-password");
            secondStatuses.Add(response.StatusCode);
        }

        firstStatuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.OK);
        firstStatuses[3].ShouldBe(HttpStatusCode.TooManyRequests);
        secondStatuses.ShouldAllBe(s => s == HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("1", "203.0.113.7")]
    [InlineData("2", "198.51.100.9")]
    public async Task ForwardLimit_BoundsEntriesRead(string forwardLimit, string expectedClient)
    {
        // Two proxies in a row: 203.0.113.7 forwarded for 198.51.100.9, and 127.0.0.1 forwarded for 203.0.113.7.
        using var node = StartNode(
            "AutoTracker:ReverseProxy:KnownProxies:0",
            "127.0.0.1",
            ("AutoTracker:ReverseProxy:KnownProxies:1", "203.0.113.7"),
            ("AutoTracker:ReverseProxy:ForwardLimit", forwardLimit));
        using var client = node.CreateClient(("X-Forwarded-For", "198.51.100.9, 203.0.113.7"));

        var echo = await client.GetFromJsonAsync<ConnectionEcho>("/api/test-connection");

        echo.ShouldNotBeNull();
        echo.RemoteAddress.ShouldBe(expectedClient);
    }

    [Fact]
    public async Task TrustedProxy_ForwardedHost_IsIgnored()
    {
        using var node = StartNode("AutoTracker:ReverseProxy:KnownProxies:0", "127.0.0.1");
        using var client = node.CreateClient(("X-Forwarded-Host", "evil.example"));

        var echo = await client.GetFromJsonAsync<ConnectionEcho>("/api/test-connection");

        echo.ShouldNotBeNull();
        echo.Host.ShouldBe(node.BaseAddress.Authority);
    }

    private KestrelNode StartNode(string key, string value, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>();
        if (key != "none")
        {
            settings[key] = value;
        }

        foreach (var (moreKey, moreValue) in more)
        {
            settings[moreKey] = moreValue;
        }

        return new KestrelNode(factory, settings);
    }
}
