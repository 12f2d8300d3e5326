using StackExchange.Redis;

namespace AutoTracker.Hosting;

/// <summary>
/// Opens the one Redis connection of a node, which the distributed cache, the Data Protection key ring and the
/// rate limits share. Its log events name the server's endpoint, never the configuration string.
/// </summary>
public sealed partial class RedisConnection
{
    private const int DefaultConnectTimeoutMilliseconds = 3000;
    private const int DefaultCommandTimeoutMilliseconds = 2000;

    private readonly ILogger _logger;
    private int _failed;

    private RedisConnection(ILogger logger) => _logger = logger;

    /// <summary>
    /// Connects without waiting for Redis to be reachable: the node starts anyway, StackExchange.Redis keeps
    /// reconnecting in the background, and commands fail at once meanwhile instead of queueing until they time
    /// out. Timeouts that the configuration string does not set are kept short, because a sign-in request waits
    /// for its rate-limit counter.
    /// </summary>
    public static IConnectionMultiplexer Connect(RedisOptions options, ILogger<RedisConnection> logger)
    {
        var text = options.Configuration ?? throw new InvalidOperationException($"{RedisOptions.SectionName}:Configuration is not set.");
        var configuration = ConfigurationOptions.Parse(text);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        if (!SetsOption(text, "connectTimeout"))
        {
            configuration.ConnectTimeout = DefaultConnectTimeoutMilliseconds;
        }

        if (!SetsOption(text, "syncTimeout"))
        {
            configuration.SyncTimeout = DefaultCommandTimeoutMilliseconds;
        }

        if (!SetsOption(text, "asyncTimeout"))
        {
            configuration.AsyncTimeout = DefaultCommandTimeoutMilliseconds;
        }

        var endpoints = string.Join(", ", configuration.EndPoints.Select(e => e.ToString()));
        var multiplexer = ConnectionMultiplexer.Connect(configuration);
        var connection = new RedisConnection(logger);
        multiplexer.ConnectionFailed += connection.OnConnectionFailed;
        multiplexer.ConnectionRestored += connection.OnConnectionRestored;
        if (multiplexer.IsConnected)
        {
            LogConnected(logger, endpoints);
        }
        else
        {
            connection._failed = 1;
            LogNotConnectedAtStart(logger, endpoints);
        }

        return multiplexer;
    }

    /// <summary>Returns whether the comma-separated configuration string sets the option, such as <c>connectTimeout=5000</c>.</summary>
    internal static bool SetsOption(string configuration, string option) =>
        configuration.Split(',').Any(part => part.Trim().StartsWith(option + "=", StringComparison.OrdinalIgnoreCase));

    // StackExchange.Redis raises ConnectionFailed again on every failed reconnect attempt, so only the change
    // from connected to failed is logged, and the change back.
    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (Interlocked.Exchange(ref _failed, 1) == 0)
        {
            LogConnectionFailed(_logger, e.Exception, e.EndPoint?.ToString(), e.FailureType);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (Interlocked.Exchange(ref _failed, 0) == 1)
        {
            LogConnectionRestored(_logger, e.EndPoint?.ToString());
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Connected to Redis at {EndPoints}")]
    private static partial void LogConnected(ILogger logger, string endPoints);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Redis at {EndPoints} is not reachable at start-up; reconnecting in the background")]
    private static partial void LogNotConnectedAtStart(ILogger logger, string endPoints);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "Connection to Redis at {EndPoint} failed ({FailureType}); reconnecting in the background")]
    private static partial void LogConnectionFailed(ILogger logger, Exception? exception, string? endPoint, ConnectionFailureType failureType);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Connection to Redis at {EndPoint} restored")]
    private static partial void LogConnectionRestored(ILogger logger, string? endPoint);
}
