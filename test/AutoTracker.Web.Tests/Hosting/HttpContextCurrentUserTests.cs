using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace AutoTracker.Hosting;

public sealed class HttpContextCurrentUserTests
{
    [Fact]
    public void Id_SignedInUser_ReadsNameIdentifier()
    {
        var userId = Guid.NewGuid();
        var currentUser = CurrentUserOf(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.ToString())], authenticationType: "Cookies"));

        currentUser.Id.ShouldBe(userId);
        currentUser.IsAuthenticated.ShouldBeTrue();
    }

    [Fact]
    public void Id_AnonymousRequest_IsNull()
    {
        var currentUser = CurrentUserOf(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString())]));

        currentUser.Id.ShouldBeNull();
        currentUser.IsAuthenticated.ShouldBeFalse();
    }

    [Fact]
    public void Id_ClaimNotGuid_IsNull()
    {
        var currentUser = CurrentUserOf(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "admin")], authenticationType: "Cookies"));

        currentUser.Id.ShouldBeNull();
        currentUser.IsAuthenticated.ShouldBeFalse();
    }

    [Fact]
    public void Id_OutsideRequest_IsNull()
    {
        var currentUser = new HttpContextCurrentUser(new HttpContextAccessor());

        currentUser.Id.ShouldBeNull();
    }

    private static HttpContextCurrentUser CurrentUserOf(ClaimsIdentity identity)
    {
        var accessor = new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = new ClaimsPrincipal(identity) } };
        return new HttpContextCurrentUser(accessor);
    }
}
