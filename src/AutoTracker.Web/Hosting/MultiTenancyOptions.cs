using Microsoft.Extensions.Options;

namespace AutoTracker.Hosting;

/// <summary>Settings of tenant resolution, bound from <c>AutoTracker:MultiTenancy</c>.</summary>
public sealed class MultiTenancyOptions
{
    public const string SectionName = "AutoTracker:MultiTenancy";

    public const string DefaultTenantHeader = "__tenant";

    /// <summary>The placeholder in <see cref="DomainPattern"/> for the tenant name.</summary>
    public const string TenantPlaceholder = "{0}";

    /// <summary>
    /// Host name pattern whose <c>{0}</c> label is the tenant name, such as <c>{0}.autotracker.example</c>.
    /// Null or empty turns resolution by host name off.
    /// </summary>
    public string? DomainPattern { get; set; }

    /// <summary>Name of the request header through which API clients name their tenant.</summary>
    public string TenantHeader { get; set; } = DefaultTenantHeader;

    public bool HasDomainPattern => !string.IsNullOrWhiteSpace(DomainPattern);
}

/// <summary>Checks the multi-tenancy settings at start-up, with messages that name the key and the fix.</summary>
public sealed class MultiTenancyOptionsValidator : IValidateOptions<MultiTenancyOptions>
{
    public ValidateOptionsResult Validate(string? name, MultiTenancyOptions options)
    {
        var errors = new List<string>();
        if (options.HasDomainPattern)
        {
            ValidateDomainPattern(options.DomainPattern!, errors);
        }

        if (string.IsNullOrEmpty(options.TenantHeader) || !options.TenantHeader.All(IsHeaderNameCharacter))
        {
            errors.Add($"{MultiTenancyOptions.SectionName}:TenantHeader '{options.TenantHeader}' is not a valid HTTP header name; "
                + $"use only letters, digits and !#$%&'*+-.^_`|~, such as the default '{MultiTenancyOptions.DefaultTenantHeader}'.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateDomainPattern(string pattern, List<string> errors)
    {
        var key = $"{MultiTenancyOptions.SectionName}:DomainPattern";
        if (pattern.IndexOfAny([':', '/', '?', '#', '@']) >= 0 || pattern.Any(char.IsWhiteSpace))
        {
            errors.Add($"{key} '{pattern}' is not a host name pattern; give a host name without scheme, port or path, "
                + "such as {0}.autotracker.example.");
            return;
        }

        var labels = pattern.Split('.');
        var placeholders = labels.Count(label => label == MultiTenancyOptions.TenantPlaceholder);
        if (placeholders != 1 || CountOccurrences(pattern, MultiTenancyOptions.TenantPlaceholder) != 1)
        {
            errors.Add($"{key} '{pattern}' must contain {MultiTenancyOptions.TenantPlaceholder} exactly once, as a whole label, "
                + "such as {0}.autotracker.example.");
            return;
        }

        if (labels.Length < 2)
        {
            errors.Add($"{key} '{pattern}' must name a domain after {MultiTenancyOptions.TenantPlaceholder}, such as {{0}}.autotracker.example.");
            return;
        }

        var sample = pattern.Replace(MultiTenancyOptions.TenantPlaceholder, "tenant", StringComparison.Ordinal);
        if (Uri.CheckHostName(sample) != UriHostNameType.Dns || sample.EndsWith('.'))
        {
            errors.Add($"{key} '{pattern}' is not a host name pattern; give a host name without scheme, port or path, "
                + "such as {0}.autotracker.example.");
        }
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>True for the token characters of RFC 9110, section 5.6.2, that header names consist of.</summary>
    private static bool IsHeaderNameCharacter(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);
}
