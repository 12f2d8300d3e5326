using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutoTracker.Web.Tests.Infrastructure;

/// <summary>A signed-in browser session calling the JSON API with its cookie and antiforgery header.</summary>
public sealed class ApiClient(HttpClient client, string antiforgeryToken)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public HttpClient Http => client;

    public static async Task<ApiClient> SignInAsync(AutoTrackerWebFactory factory, string? tenant, string userName = "admin", string password = AutoTrackerWebFactory.AdminPassword)
    {
        var http = await factory.SignInAsync(tenant, userName, password);
        var token = await AutoTrackerWebFactory.GetApiTokenAsync(http);
        return new ApiClient(http, token);
    }

    public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(HttpMethod.Get, url, null);

    public Task<HttpResponseMessage> PostAsync(string url, object? body) => SendAsync(HttpMethod.Post, url, body);

    public Task<HttpResponseMessage> PutAsync(string url, object? body) => SendAsync(HttpMethod.Put, url, body);

    public Task<HttpResponseMessage> DeleteAsync(string url) => SendAsync(HttpMethod.Delete, url, null);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body, bool withToken = true)
    {
        using var request = new HttpRequestMessage(method, url);
        if (withToken)
        {
            request.Headers.Add("RequestVerificationToken", antiforgeryToken);
        }

        if (body is not null)
        {
            request.Content = body is HttpContent content ? content : JsonContent.Create(body, options: Json);
        }

        return await client.SendAsync(request);
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Json)) ?? throw new InvalidOperationException("The response body is empty.");

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Json);
}
