using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace AutoTracker.Hosting;

/// <summary>One browser-like user of the app: a cookie jar shared by clients for any number of nodes.</summary>
public sealed partial class NodeSession : IDisposable
{
    public const string DemoTenant = "demo";
    public const string AdminPassword = "hosting-test-passphrase-2026";

    private readonly List<HttpClient> _clients = [];

    public CookieJar Cookies { get; } = new();

    /// <summary>
    /// Returns a client for <paramref name="node"/> that sends this session's cookies. With
    /// <paramref name="viaTlsProxy"/>, every request carries the headers a TLS-terminating proxy adds, as nginx in
    /// front of the nodes does.
    /// </summary>
    public HttpClient On(WebAppProcess node, bool viaTlsProxy = false)
    {
        var client = node.CreateClient(Cookies);
        if (viaTlsProxy)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
            client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        }

        _clients.Add(client);
        return client;
    }

    /// <summary>Signs in to the demo tenant through the sign-in form, as its admin unless another user is named.</summary>
    public static async Task SignInAsync(HttpClient client, string userName = "admin", string password = AdminPassword)
    {
        var token = await FormTokenAsync(client, "/Account/Login");
        using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.TenantName"] = DemoTenant,
            ["Input.UserNameOrEmail"] = userName,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, "sign-in should redirect to the start page");
    }

    /// <summary>Signs out through the form in the page layout.</summary>
    public static async Task SignOutAsync(HttpClient client)
    {
        var token = await FormTokenAsync(client, "/Vehicles");
        using var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, "sign-out should redirect");
    }

    /// <summary>Loads a signed-in page so the app issues the XSRF-TOKEN cookie, and returns the token that API calls echo.</summary>
    public async Task<string> ApiTokenAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/");
        response.Headers.Location?.ToString().ShouldNotContain("/Account/Login", Case.Insensitive, "the session should be signed in");
        var cookie = Cookies["XSRF-TOKEN"] ?? throw new InvalidOperationException("The page did not set the XSRF-TOKEN cookie.");
        return Uri.UnescapeDataString(cookie);
    }

    /// <summary>Sends a JSON request to the API with the antiforgery header.</summary>
    public static Task<HttpResponseMessage> SendJsonAsync(HttpClient client, string apiToken, HttpMethod method, string url, object body)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("RequestVerificationToken", apiToken);
        return client.SendAsync(request);
    }

    /// <summary>Posts a new vehicle to the API with the antiforgery header.</summary>
    public static Task<HttpResponseMessage> CreateVehicleAsync(HttpClient client, string apiToken, string model)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/app/vehicles")
        {
            Content = JsonContent.Create(new { make = "Skoda", model, kind = "Fleet", meterUnit = "Kilometers" }),
        };
        request.Headers.Add("RequestVerificationToken", apiToken);
        return client.SendAsync(request);
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        Cookies.Dispose();
    }

    private static async Task<string> FormTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var match = FormToken().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No antiforgery token on {path}.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
