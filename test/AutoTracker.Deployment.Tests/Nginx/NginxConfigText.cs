using System.Text.RegularExpressions;

namespace AutoTracker.Deployment.Nginx;

/// <summary>Reads directives out of an nginx configuration file's text, enough for the shape checks of the tests.</summary>
internal static partial class NginxConfigText
{
    /// <summary>Returns the text without comments (from # to the end of the line; the files under test have no # inside quotes).</summary>
    public static string WithoutComments(string text) => CommentPattern().Replace(text, string.Empty);

    /// <summary>Returns the arguments of every occurrence of a directive, in file order.</summary>
    public static IReadOnlyList<string> Arguments(string text, string directive) =>
        Regex.Matches(WithoutComments(text), $@"(?m)^\s*{Regex.Escape(directive)}\s+([^;{{]*);")
            .Select(match => match.Groups[1].Value.Trim())
            .ToList();

    /// <summary>Returns the body of the first block that starts with <paramref name="header"/>, such as "upstream autotracker".</summary>
    /// <exception cref="InvalidOperationException">No such block.</exception>
    public static string Block(string text, string header)
    {
        var code = WithoutComments(text);
        var match = Regex.Match(code, $@"(?m)^\s*{Regex.Escape(header)}\s*\{{");
        if (!match.Success)
        {
            throw new InvalidOperationException($"The configuration has no block '{header} {{'.");
        }

        var depth = 1;
        var start = match.Index + match.Length;
        for (var i = start; i < code.Length; i++)
        {
            depth += code[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
            {
                return code[start..i];
            }
        }

        throw new InvalidOperationException($"The block '{header} {{' is not closed.");
    }

    /// <summary>Converts an nginx size such as 4m, 512k or 1024 to bytes.</summary>
    public static long ParseSize(string size)
    {
        var match = SizePattern().Match(size);
        if (!match.Success)
        {
            throw new FormatException($"'{size}' is not an nginx size.");
        }

        var unit = match.Groups[2].Value.ToLowerInvariant() switch
        {
            "k" => 1024L,
            "m" => 1024L * 1024,
            "g" => 1024L * 1024 * 1024,
            _ => 1L,
        };
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * unit;
    }

    [GeneratedRegex("#[^\n]*")]
    private static partial Regex CommentPattern();

    [GeneratedRegex("^([0-9]+)([kKmMgG]?)$")]
    private static partial Regex SizePattern();
}
