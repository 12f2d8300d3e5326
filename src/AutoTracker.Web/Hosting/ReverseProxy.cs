using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;
using Microsoft.Extensions.Options;

namespace AutoTracker.Hosting;

/// <summary>
/// Reverse proxy settings, bound from <c>AutoTracker:ReverseProxy</c>. The app honours X-Forwarded-For and
/// X-Forwarded-Proto only on connections from the proxies listed here. With none listed it ignores them.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string SectionName = "AutoTracker:ReverseProxy";
    public const int MaxForwardLimit = 10;

    /// <summary>IP addresses of the proxies, such as <c>172.30.0.10</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR notation, such as <c>172.30.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>
    /// Maximum number of X-Forwarded-For entries read from the right, one per trusted proxy in the chain in front
    /// of the app. Each entry is used only if the address it came from is a known proxy.
    /// </summary>
    public int ForwardLimit { get; set; } = 1;
}

/// <summary>Rejects entries that are not IP addresses or CIDR networks, naming the key and the value.</summary>
public sealed class ReverseProxyOptionsValidator : IValidateOptions<ReverseProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ReverseProxyOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            var value = options.KnownProxies[i];
            if (!ProxyAddresses.TryParseAddress(value, out _))
            {
                errors.Add($"{ReverseProxyOptions.SectionName}:KnownProxies:{i} must be an IP address such as 172.30.0.10; it was '{value}'.");
            }
        }

        for (var i = 0; i < options.KnownNetworks.Count; i++)
        {
            var value = options.KnownNetworks[i];
            if (ProxyAddresses.ParseNetwork(value).Error is { } error)
            {
                errors.Add($"{ReverseProxyOptions.SectionName}:KnownNetworks:{i} {error}; it was '{value}'.");
            }
        }

        if (options.ForwardLimit is < 1 or > ReverseProxyOptions.MaxForwardLimit)
        {
            errors.Add($"{ReverseProxyOptions.SectionName}:ForwardLimit must be between 1 and {ReverseProxyOptions.MaxForwardLimit}; it was {options.ForwardLimit}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>Strict parsing of proxy addresses and networks.</summary>
internal static class ProxyAddresses
{
    /// <summary>
    /// Accepts an IPv4 address only in its dotted four-part form and an IPv6 address without a zone.
    /// <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> alone also accepts forms such as <c>10.1</c> or
    /// <c>010.0.0.1</c> (octal), which would trust an address other than the one the operator meant.
    /// </summary>
    public static bool TryParseAddress(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrWhiteSpace(text) || !IPAddress.TryParse(text, out var parsed))
        {
            return false;
        }

        var canonical = parsed.AddressFamily == AddressFamily.InterNetwork
            ? parsed.ToString() == text
            : parsed.AddressFamily == AddressFamily.InterNetworkV6 && parsed.ScopeId == 0 && !text.Contains('%');
        if (!canonical)
        {
            return false;
        }

        address = parsed;
        return true;
    }

    /// <summary>Parses <c>address/prefix</c>; the error, if any, completes a sentence that starts with the key's name.</summary>
    public static (IPNetwork Network, string? Error) ParseNetwork(string? text)
    {
        const string expected = "must be a network in CIDR notation such as 172.30.0.0/24";
        var slash = text?.IndexOf('/') ?? -1;
        if (slash < 0 || !TryParseAddress(text![..slash], out var address)
            || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix))
        {
            return (default, expected);
        }

        var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (prefix > maxPrefix)
        {
            return (default, $"{expected}, with a prefix length of at most {maxPrefix}");
        }

        if (prefix == 0)
        {
            return (default, "trusts every address; list only the networks of the proxies");
        }

        var network = new IPNetwork(FirstAddress(address, prefix), prefix);
        if (!network.BaseAddress.Equals(address))
        {
            return (default, $"has address bits set after the prefix; the network that contains it is {network}");
        }

        return (network, null);
    }

    private static IPAddress FirstAddress(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }
}

public static class ReverseProxy
{
    /// <summary>
    /// Registers the settings and configures the forwarded-headers middleware from them. The options are set here
    /// whether or not a proxy is listed, so the framework's own setup (ASPNETCORE_FORWARDEDHEADERS_ENABLED, which
    /// trusts every address) cannot widen them.
    /// </summary>
    public static void AddAutoTrackerReverseProxy(this IServiceCollection services)
    {
        services.AddOptions<ReverseProxyOptions>().BindConfiguration(ReverseProxyOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReverseProxyOptions>, ReverseProxyOptionsValidator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((forwarded, proxy) =>
        {
            var settings = proxy.Value;

            // The framework trusts loopback (127.0.0.0/8 and ::1) by default. Without a listed proxy the app faces
            // clients itself, and any local process, tunnel or sidecar could then choose the client address that
            // the sign-in limit counts by and the scheme that decides whether cookies are Secure.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            forwarded.ForwardLimit = settings.ForwardLimit;
            foreach (var text in settings.KnownProxies)
            {
                ProxyAddresses.TryParseAddress(text, out var address);
                forwarded.KnownProxies.Add(address);
            }

            foreach (var text in settings.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(ProxyAddresses.ParseNetwork(text).Network);
            }

            // X-Forwarded-Host is not honoured: host filtering (AllowedHosts) runs before this middleware, so a
            // forwarded host would get past it, and the app builds no URL from the Host header. The proxy passes
            // the client's Host header on unchanged instead.
            var trusted = forwarded.KnownProxies.Count > 0 || forwarded.KnownIPNetworks.Count > 0;
            forwarded.ForwardedHeaders = trusted ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
        });
    }

    /// <summary>
    /// Adds the forwarded-headers middleware when a proxy is listed. It must come before everything that reads the
    /// scheme or the client address (HSTS, cookies, the rate limiter).
    /// </summary>
    public static void UseAutoTrackerForwardedHeaders(this IApplicationBuilder app)
    {
        var forwarded = app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        if (forwarded.ForwardedHeaders != ForwardedHeaders.None)
        {
            app.UseForwardedHeaders();
        }
    }
}
