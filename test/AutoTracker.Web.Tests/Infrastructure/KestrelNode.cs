using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.Infrastructure;

/// <summary>
/// The app on a real Kestrel server with HTTPS on a free 127.0.0.1 port. TestServer gives requests no remote
/// address, but Kestrel reports the TCP peer, so the forwarded-headers middleware gets 127.0.0.1 as the address of
/// the proxy or client. The proxy settings under test decide whether that address is trusted.
/// </summary>
public sealed class KestrelNode : IDisposable
{
    private readonly WebApplicationFactory<Program> _node;
    private readonly X509Certificate2 _certificate;

    public KestrelNode(AutoTrackerWebFactory factory, IReadOnlyDictionary<string, string> settings)
    {
        _certificate = CreateCertificate();
        _node = factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("AllowedHosts", "localhost;127.0.0.1");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.AddTestEndpoints();
        });
        _node.UseKestrel(options => options.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(_certificate)));
        _node.StartServer();
        var address = _node.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address);
    }

    public Uri BaseAddress { get; }

    /// <summary>A client that keeps cookies, follows no redirects and trusts only this node's certificate.</summary>
    public HttpClient CreateClient(params (string Name, string Value)[] headers)
    {
        var thumbprint = _certificate.GetCertHashString();
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = new CookieContainer(),
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint,
        };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress };
        foreach (var (name, value) in headers)
        {
            client.DefaultRequestHeaders.Add(name, value);
        }

        return client;
    }

    public void Dispose()
    {
        _node.Dispose();
        _certificate.Dispose();
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(1));
    }
}
