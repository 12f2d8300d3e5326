namespace AutoTracker.Deployment.Nginx;

/// <summary>What nginx with the shipped configuration does to requests on their way to the app nodes.</summary>
public sealed class NginxProxyTests(NginxProxyFixture proxy) : IClassFixture<NginxProxyFixture>
{
    [Fact]
    public void ForwardedHeaders_ClientValues_AreReplaced()
    {
        var echo = proxy.Response("forwarded");

        echo.StatusCode.ShouldBe(200);
        echo.BodyValue("x-forwarded-for").ShouldBe("127.0.0.1");
        echo.BodyValue("x-forwarded-proto").ShouldBe("https");
        echo.BodyValue("x-forwarded-host").ShouldBe(NginxProxyFixture.PublicHost);
        echo.BodyValue("host").ShouldBe(NginxProxyFixture.PublicHost);
        echo.BodyValue("request-uri").ShouldBe("/Vehicles?page=2");
    }

    [Fact]
    public void ForwardedHeaders_OthersFromClient_AreRemoved()
    {
        var echo = proxy.Response("forwarded");

        echo.BodyValue("x-forwarded-prefix").ShouldBe(string.Empty);
        echo.BodyValue("x-real-ip").ShouldBe(string.Empty);
        echo.BodyValue("forwarded").ShouldBe(string.Empty);
    }

    [Fact]
    public void HeaderWithUnderscores_ReachesApp()
    {
        proxy.Response("underscore").BodyValue("x_api_version").ShouldBe("2");
    }

    [Fact]
    public void PlainHttp_RedirectsToHttps()
    {
        var response = proxy.Response("plain-http");

        response.StatusCode.ShouldBe(301);
        response.HeaderValues("Location").ShouldBe([$"https://{NginxProxyFixture.PublicHost}/Vehicles?page=2"]);
    }

    [Fact]
    public void PlainHttp_ForeignHost_NotInRedirect()
    {
        var response = proxy.Response("plain-http-foreign-host");

        // The app rejects a Host outside AllowedHosts, but nginx handles port 80 alone. A redirect built
        // from $host sends a client with a forged or misrouted Host header to whatever site the header names.
        response.HeaderValues("Location").ShouldAllBe(location => !location.Contains("attacker.example"));
    }

    [Fact]
    public void Health_IsPassedToApp()
    {
        var echo = proxy.Response("health");

        echo.StatusCode.ShouldBe(200);
        echo.BodyValue("request-uri").ShouldBe("/health");
    }

    [Fact]
    public void RequestBody_AtLimit_IsPassedToApp()
    {
        proxy.Response("largest-body").StatusCode.ShouldBe(200);
    }

    [Fact]
    public void RequestBody_AboveLimit_IsRejected()
    {
        proxy.Response("too-large-body").StatusCode.ShouldBe(413);
    }

    [Fact]
    public void StaticAsset_IsCompressed()
    {
        var response = proxy.Response("static-asset");

        response.StatusCode.ShouldBe(200);
        response.HeaderValues("Content-Encoding").ShouldBe(["gzip"]);
    }

    [Fact]
    public void Page_IsNotCompressed()
    {
        var response = proxy.Response("page");

        response.StatusCode.ShouldBe(200);
        response.HeaderValues("Content-Type").ShouldHaveSingleItem().ShouldStartWith("text/html");
        response.HeaderValues("Content-Encoding").ShouldBeEmpty();
    }

    [Fact]
    public void ServerHeader_HasNoVersion()
    {
        proxy.Response("health").HeaderValues("Server").ShouldBe(["nginx"]);
    }
}
