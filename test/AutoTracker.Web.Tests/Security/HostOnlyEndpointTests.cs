using System.Net;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.Security;

/// <summary>
/// Enumerates every endpoint that requires host administration and calls it as a tenant's admin, with the
/// tenant's own id and with another tenant's: every call must get 403 and change no tenant. New host-only
/// endpoints are picked up automatically.
/// </summary>
public sealed class HostOnlyEndpointTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    [Fact]
    public async Task HostOnlyEndpoints_TenantAdmin_GetsForbidden()
    {
        var demoId = await factory.GetTenantIdAsync("demo");
        var otherId = await factory.CreateTenantWithAdminAsync($"host-only-{Guid.NewGuid():N}"[..20]);
        var tenantAdmin = await ApiClient.SignInAsync(factory, "demo");
        var before = await TenantsSnapshotAsync();
        var calls = 0;

        foreach (var (method, template) in HostOnlyRoutes())
        {
            foreach (var id in new[] { demoId, otherId })
            {
                var path = "/" + template.Replace("{id:guid}", id.ToString(), StringComparison.Ordinal);
                using var response = await tenantAdmin.SendAsync(new HttpMethod(method), path, method is "POST" or "PUT" ? new { name = "x" } : null);
                response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{method} {path}");
                calls++;
            }
        }

        calls.ShouldBeGreaterThan(10, "the host-only endpoints should be found");
        (await TenantsSnapshotAsync()).ShouldBe(before);
    }

    private IEnumerable<(string Method, string Template)> HostOnlyRoutes()
    {
        var sources = factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().Where(TenantIsolationMatrixTests.IsHostOnly))
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                yield return (method, endpoint.RoutePattern.RawText!.TrimStart('/'));
            }
        }
    }

    private Task<string> TenantsSnapshotAsync() =>
        factory.InScopeAsync(null, async sp =>
        {
            var tenants = await sp.GetRequiredService<AutoTrackerDbContext>().Tenants.AsNoTracking().OrderBy(t => t.Id).ToListAsync();
            return string.Join('\n', tenants.Select(t => $"{t.Id} {t.Name} {t.IsActive} {t.IsDeleted} {t.MaxVehicles} {t.ConcurrencyStamp}"));
        });
}
