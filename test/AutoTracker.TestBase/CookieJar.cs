using System.Net.Http.Headers;

namespace AutoTracker;

/// <summary>
/// Keeps cookies by name and sends all of them with every request, whatever the host and port, as a browser does
/// for one site behind a load balancer. <see cref="System.Net.CookieContainer"/> cannot stand in: it keeps
/// Secure cookies from plain-http requests and separates the nodes' ports.
/// </summary>
public sealed class CookieJar : DelegatingHandler
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public CookieJar()
        : base(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
    {
    }

    public string? this[string name]
    {
        get
        {
            lock (_cookies)
            {
                return _cookies.GetValueOrDefault(name);
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_cookies)
        {
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }
        }

        var response = await base.SendAsync(request, cancellationToken);
        Store(response.Headers);
        return response;
    }

    private void Store(HttpResponseHeaders headers)
    {
        if (!headers.TryGetValues("Set-Cookie", out var values))
        {
            return;
        }

        lock (_cookies)
        {
            foreach (var header in values)
            {
                var pair = header.Split(';', 2)[0];
                var separator = pair.IndexOf('=', StringComparison.Ordinal);
                var name = pair[..separator];
                var value = pair[(separator + 1)..];
                var deleted = header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase) || value.Length == 0;
                if (deleted)
                {
                    _cookies.Remove(name);
                }
                else
                {
                    _cookies[name] = value;
                }
            }
        }
    }
}
