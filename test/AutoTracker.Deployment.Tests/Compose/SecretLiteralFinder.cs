using System.Text.RegularExpressions;

namespace AutoTracker.Deployment.Compose;

/// <summary>
/// Finds secrets written into a compose document instead of taken from the environment. A value is a secret when
/// its key names one (password, secret, token, auth), when it follows password= in a connection or
/// configuration string, or when it follows a command-line option such as --requirepass. Such a value must be a
/// ${NAME...} interpolation.
/// </summary>
internal static partial class SecretLiteralFinder
{
    /// <summary>Returns "path: value" for each secret literal in the document.</summary>
    public static IReadOnlyList<string> Find(object? document)
    {
        var findings = new List<string>();
        Visit(document, path: string.Empty, key: string.Empty, findings);
        return findings;
    }

    private static void Visit(object? node, string path, string key, List<string> findings)
    {
        switch (node)
        {
            case IDictionary<object, object?> mapping:
                foreach (var (childKey, child) in mapping)
                {
                    Visit(child, $"{path}/{childKey}", (string)childKey, findings);
                }

                break;
            case IList<object?> sequence:
                for (var i = 0; i < sequence.Count; i++)
                {
                    var previous = i > 0 ? sequence[i - 1] as string : null;
                    var isOptionValue = previous is not null && SecretOptionPattern().IsMatch(previous);
                    Visit(sequence[i], $"{path}[{i}]", isOptionValue ? previous! : key, findings);
                }

                break;
            case string scalar:
                CheckScalar(scalar, path, key, findings);
                break;
        }
    }

    private static void CheckScalar(string scalar, string path, string key, List<string> findings)
    {
        if (SecretNamePattern().IsMatch(key) && !InterpolationPattern().IsMatch(scalar))
        {
            findings.Add($"{path}: {scalar}");
        }

        foreach (Match match in EmbeddedPasswordPattern().Matches(scalar))
        {
            if (!InterpolationPattern().IsMatch(match.Groups["value"].Value))
            {
                findings.Add($"{path}: {match.Value}");
            }
        }
    }

    [GeneratedRegex("(?i)(pass|secret|token|auth)")]
    private static partial Regex SecretNamePattern();

    [GeneratedRegex("^--?[a-z-]*(pass|secret|token|auth)[a-z-]*$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretOptionPattern();

    // The value of password=, pwd= and the like inside a connection or configuration string, up to ; or ,.
    [GeneratedRegex("(?i)(password|pwd)\\s*=\\s*(?<value>[^;,]*)")]
    private static partial Regex EmbeddedPasswordPattern();

    // The whole value is one ${NAME}, ${NAME:?message} or ${NAME:-default} interpolation.
    [GeneratedRegex(@"^\$\{[A-Za-z_][A-Za-z0-9_]*(:?[?-][^}]*)?\}$")]
    private static partial Regex InterpolationPattern();
}
