using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.Infrastructure;

/// <summary>Returns the scheme, client address and host of the request after the forwarded-headers middleware has run.</summary>
[ApiController]
[AllowAnonymous]
[Route("api/test-connection")]
public sealed class ConnectionEchoController : ControllerBase
{
    [HttpGet]
    public ConnectionEcho Get() => new(Request.Scheme, HttpContext.Connection.RemoteIpAddress?.ToString(), Request.Host.Value);
}

public sealed record ConnectionEcho(string Scheme, string? RemoteAddress, string? Host);

/// <summary>A page path that a signed-in user may not open, so the cookie handler redirects to the access-denied page.</summary>
[Authorize]
[Route("test-forbidden")]
public sealed class ForbiddenPageController : Controller
{
    [HttpGet]
    public IActionResult Get() => Forbid();
}

public static class TestEndpoints
{
    /// <summary>Adds the controllers of the test assembly, such as <see cref="ConnectionEchoController"/>, to the app.</summary>
    public static IWebHostBuilder AddTestEndpoints(this IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddControllers().AddApplicationPart(typeof(TestEndpoints).Assembly));
}
