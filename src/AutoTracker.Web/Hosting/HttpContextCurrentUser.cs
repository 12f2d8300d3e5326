using System.Security.Claims;
using AutoTracker.Identity;

namespace AutoTracker.Hosting;

/// <summary>
/// Reads the signed-in user of the current request from its <see cref="ClaimTypes.NameIdentifier"/> claim, which
/// ASP.NET Core Identity sets to the user's id. Outside a request, or with a claim that is not a GUID, no user is
/// signed in. The roles come from the role claims, which the security stamp validator rebuilds from the database on
/// every request, so a change of a user's roles applies from the user's next request.
/// </summary>
public sealed class HttpContextCurrentUser(IHttpContextAccessor httpContextAccessor) : ICurrentUser
{
    public Guid? Id
    {
        get
        {
            var principal = httpContextAccessor.HttpContext?.User;
            if (principal?.Identity?.IsAuthenticated != true)
            {
                return null;
            }

            return Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
        }
    }

    public bool IsAuthenticated => Id.HasValue;

    public Guid? TenantId =>
        Id.HasValue && Guid.TryParse(httpContextAccessor.HttpContext!.User.FindFirstValue(MultiTenancy.TenantConsts.TenantIdClaimType), out var tenantId)
            ? tenantId
            : null;

    public IReadOnlyList<string> Roles =>
        Id.HasValue
            ? httpContextAccessor.HttpContext!.User.FindAll(ClaimTypes.Role).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList()
            : [];
}
