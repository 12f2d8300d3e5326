using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AutoTracker.Hosting;

/// <summary>
/// Redis settings, bound from <c>AutoTracker:Redis</c>. With a configuration string, all nodes keep the
/// distributed cache, the Data Protection key ring and the rate-limit counters in that Redis. Without one,
/// each node keeps them to itself.
/// </summary>
public sealed class RedisOptions
{
    public const string SectionName = "AutoTracker:Redis";
    public const string DefaultInstanceName = "AutoTracker:";
    public const int MaxInstanceNameLength = 64;

    /// <summary>
    /// StackExchange.Redis configuration string, such as <c>127.0.0.1:6379</c> or
    /// <c>redis.internal:6380,password=…,ssl=true</c>. It can contain a password, so it is never logged or shown.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every Redis key the app writes, so that several apps can share one Redis database.</summary>
    public string InstanceName { get; set; } = DefaultInstanceName;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Configuration);

    /// <summary>Reads the section directly, for decisions made while services are registered.</summary>
    public static RedisOptions Read(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<RedisOptions>() ?? new RedisOptions();
}

/// <summary>Rejects a Redis configuration that cannot work, naming the key and never echoing the configuration string.</summary>
public sealed class RedisOptionsValidator : IValidateOptions<RedisOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        var errors = new List<string>();
        if (options.IsConfigured)
        {
            ValidateConfiguration(options.Configuration!, errors);
        }

        var instance = options.InstanceName;
        if (string.IsNullOrEmpty(instance) || instance.Length > RedisOptions.MaxInstanceNameLength
            || instance.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            errors.Add($"{RedisOptions.SectionName}:InstanceName must be 1 to {RedisOptions.MaxInstanceNameLength} characters without spaces "
                + $"or control characters, such as the default '{RedisOptions.DefaultInstanceName}'.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateConfiguration(string configuration, List<string> errors)
    {
        ConfigurationOptions parsed;
        try
        {
            parsed = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException)
        {
            // The parser's message can quote a part of the string, which may be the password.
            errors.Add($"{RedisOptions.SectionName}:Configuration is not a valid StackExchange.Redis configuration string. "
                + "The value is not shown because it can contain a password.");
            return;
        }

        if (parsed.EndPoints.Count == 0)
        {
            errors.Add($"{RedisOptions.SectionName}:Configuration names no server; start it with host:port, such as 127.0.0.1:6379.");
        }
    }
}
