using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace AutoTracker.Hosting;

/// <summary>The public address of the app, bound from <c>AutoTracker:PublicBaseUrl</c>.</summary>
public sealed class PublicUrlOptions
{
    public const string SectionName = "AutoTracker";
    public const string Key = "AutoTracker:PublicBaseUrl";

    /// <summary>
    /// Scheme and host (and port) under which users reach the app, such as <c>https://fleet.example.com</c>.
    /// Every absolute URL the app builds starts with it.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The validated base URL as scheme, host and port, without a trailing slash; null when not configured.</summary>
    public string? Origin => PublicUrlOptionsValidator.TryParse(PublicBaseUrl, out var origin, out _) ? origin : null;
}

/// <summary>Accepts only an absolute http or https URL of a host's root, naming the key and the value otherwise.</summary>
public sealed class PublicUrlOptionsValidator : IValidateOptions<PublicUrlOptions>
{
    public ValidateOptionsResult Validate(string? name, PublicUrlOptions options)
    {
        if (string.IsNullOrEmpty(options.PublicBaseUrl) || TryParse(options.PublicBaseUrl, out _, out _))
        {
            return ValidateOptionsResult.Success;
        }

        TryParse(options.PublicBaseUrl, out _, out var error);
        return ValidateOptionsResult.Fail($"{PublicUrlOptions.Key} {error}; it was '{options.PublicBaseUrl}'.");
    }

    /// <summary>
    /// Parses the base URL into its origin. The error, if any, completes a sentence that starts with the key.
    /// A path is rejected because every page link and redirect of the app is relative to the host's root.
    /// </summary>
    internal static bool TryParse(string? text, out string origin, out string error)
    {
        origin = string.Empty;
        error = "must be an absolute http or https URL such as https://fleet.example.com";
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || string.IsNullOrEmpty(uri.Host)
            || text.Any(char.IsWhiteSpace))
        {
            return false;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            error = "must not contain a user name or password";
            return false;
        }

        if (text.Contains('?') || text.Contains('#'))
        {
            error = "must not have a query or fragment";
            return false;
        }

        if (uri.AbsolutePath != "/")
        {
            error = "must not have a path, because the app is served at the root of its host";
            return false;
        }

        // A Location header carries ASCII only, so an international host name is written in its Punycode form.
        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost;
        origin = uri.Scheme + Uri.SchemeDelimiter + host + (uri.IsDefaultPort ? string.Empty : ":" + uri.Port.ToString(CultureInfo.InvariantCulture));
        return true;
    }
}

/// <summary>Builds absolute URLs of the app for links that leave it, such as e-mail links and OAuth redirect URIs.</summary>
public interface IPublicUrlBuilder
{
    /// <summary>
    /// Builds the absolute URL of an app path such as <c>/Account/Login?x=1</c> from the configured base URL, never
    /// from the request. Throws <see cref="InvalidOperationException"/> when no base URL is configured outside
    /// Development, and <see cref="ArgumentException"/> for anything but a path that starts with one slash.
    /// </summary>
    Uri Build(string path);
}

/// <summary>
/// Builds absolute URLs from <c>AutoTracker:PublicBaseUrl</c>. In Development without it, it uses the first
/// address the server listens on, with a wildcard host replaced by <c>localhost</c>.
/// </summary>
public sealed class PublicUrlBuilder(IOptions<PublicUrlOptions> options, IHostEnvironment environment, IServer server) : IPublicUrlBuilder
{
    public Uri Build(string path)
    {
        if (!IsAppPath(path))
        {
            throw new ArgumentException($"Expected an app path that starts with a single '/', such as /Account/Login; got '{path}'.", nameof(path));
        }

        var origin = options.Value.Origin ?? DevelopmentOrigin()
            ?? throw new InvalidOperationException($"{PublicUrlOptions.Key} is not set, so no absolute URL can be built. Set it to the URL users reach the app at.");
        return new Uri(origin + path, UriKind.Absolute);
    }

    /// <summary>Returns whether the text is a path on this host: it starts with one slash and no backslash follows.</summary>
    internal static bool IsAppPath(string? path) =>
        !string.IsNullOrEmpty(path) && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'))
        && !path.Any(char.IsControl);

    private string? DevelopmentOrigin()
    {
        if (!environment.IsDevelopment())
        {
            return null;
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            return null;
        }

        // A wildcard binding appears with the host [::], 0.0.0.0, + or *, depending on how it was configured.
        foreach (var wildcard in new[] { "[::]", "0.0.0.0", "+", "*" })
        {
            address = address.Replace("://" + wildcard + ":", "://localhost:", StringComparison.Ordinal);
        }

        return PublicUrlOptionsValidator.TryParse(address, out var origin, out _) ? origin : null;
    }
}

public static class PublicUrls
{
    public static void AddAutoTrackerPublicUrls(this IServiceCollection services)
    {
        services.AddOptions<PublicUrlOptions>().BindConfiguration(PublicUrlOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PublicUrlOptions>, PublicUrlOptionsValidator>();
        services.AddSingleton<IPublicUrlBuilder, PublicUrlBuilder>();
    }
}
