using System.Net;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.Security;

/// <summary>
/// Enumerates every endpoint the app maps and calls it without signing in: API endpoints must answer 401 problem
/// details and pages must redirect to sign-in, except the sign-in pages, the set-password page of e-mail links, the error page and GET /health.
/// New endpoints are picked up automatically.
/// </summary>
public sealed class EndpointAccessTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    private static readonly string[] AnonymousPages = ["/Account/Login", "/Account/SetPassword", "/Error"];

    public static TheoryData<string, string> Endpoints()
    {
        using var factory = new AutoTrackerWebFactory();
        var data = new TheoryData<string, string>();
        foreach (var (method, path) in EnumerateEndpoints(factory))
        {
            data.Add(method, path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_Anonymous_RequiresSignIn(string method, string path)
    {
        using var client = factory.CreateBrowserClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);

        if (path == "/health")
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
        }
        else if (path.StartsWith("/api/", StringComparison.Ordinal))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{method} {path}");
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        }
        else if (AnonymousPages.Contains(path, StringComparer.OrdinalIgnoreCase))
        {
            ((int)response.StatusCode).ShouldBeOneOf(200, 400, 404);
        }
        else if (method == "GET")
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{method} {path}");
            response.Headers.Location!.ToString().ShouldContain("/Account/Login");
        }
        else
        {
            // An unsafe page request without the antiforgery token is rejected before it reaches the handler.
            ((int)response.StatusCode).ShouldBeOneOf([302, 400], $"{method} {path}");
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                response.Headers.Location!.ToString().ShouldContain("/Account/Login");
            }
        }
    }

    [Fact]
    public void Enumeration_FindsApiAndPages()
    {
        var endpoints = EnumerateEndpoints(factory).ToList();

        endpoints.ShouldContain(("GET", "/health"));
        endpoints.ShouldContain(e => e.Path.StartsWith("/api/app/vehicles/", StringComparison.Ordinal) && e.Method == "DELETE");
        endpoints.ShouldContain(e => e.Path.StartsWith("/Vehicles", StringComparison.Ordinal));
        endpoints.Count.ShouldBeGreaterThan(20);
    }

    /// <summary>Lists (method, concrete path) for every routable endpoint, filling route parameters with a random id.</summary>
    internal static IEnumerable<(string Method, string Path)> EnumerateEndpoints(AutoTrackerWebFactory factory)
    {
        var sources = factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        var seen = new HashSet<(string, string)>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var path = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(FillSegment));
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods
                ?? (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null || endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>() is not null
                    ? ["GET", "POST"]
                    : ["GET"]);
            foreach (var method in methods)
            {
                if (seen.Add((method, path)))
                {
                    yield return (method, path);
                }
            }
        }
    }

    private static string FillSegment(RoutePatternPathSegment segment) => string.Concat(segment.Parts.Select(part => part switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternParameterPart parameter => parameter.IsOptional ? string.Empty : Guid.NewGuid().ToString(),
        RoutePatternSeparatorPart separator => separator.Content,
        _ => string.Empty,
    })).TrimEnd('/');
}
