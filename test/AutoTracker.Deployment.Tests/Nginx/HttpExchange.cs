namespace AutoTracker.Deployment.Nginx;

/// <summary>A response as curl -D - printed it: the status, the headers and the body.</summary>
public sealed record HttpExchange(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body)
{
    /// <summary>Returns the values of a header, compared without regard to case.</summary>
    public IReadOnlyList<string> HeaderValues(string name) =>
        Headers.Where(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Select(header => header.Value).ToList();

    /// <summary>Returns the value of a "name=value" line of the body, as the echo server writes them.</summary>
    public string? BodyValue(string name) =>
        Body.Split('\n').Select(line => line.Split('=', 2)).Where(parts => parts.Length == 2 && parts[0] == name).Select(parts => parts[1]).FirstOrDefault();

    /// <summary>Parses curl's output; interim responses (100 Continue) are skipped.</summary>
    /// <exception cref="FormatException">The output has no HTTP status line.</exception>
    public static HttpExchange Parse(string output)
    {
        var rest = output;
        while (true)
        {
            var end = rest.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (!rest.StartsWith("HTTP/", StringComparison.Ordinal) || end < 0)
            {
                throw new FormatException($"curl printed no HTTP response:{Environment.NewLine}{output}");
            }

            var lines = rest[..end].Split("\r\n");
            var statusCode = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            rest = rest[(end + 4)..];
            if (statusCode == 100)
            {
                continue;
            }

            var headers = lines.Skip(1)
                .Select(line => line.Split(':', 2))
                .Select(parts => KeyValuePair.Create(parts[0].Trim(), parts.Length == 2 ? parts[1].Trim() : string.Empty))
                .ToList();
            return new HttpExchange(statusCode, headers, rest);
        }
    }
}
