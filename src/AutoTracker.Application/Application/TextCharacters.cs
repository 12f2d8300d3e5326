using System.Globalization;

namespace AutoTracker.Application;

/// <summary>
/// The characters that text input may not contain. Rejected everywhere: control characters (U+0000 to U+001F,
/// U+007F to U+009F), the bidirectional embedding, override and isolate characters (U+202A to U+202E,
/// U+2066 to U+2069), which make text display in another order than it is stored, and unpaired surrogates.
/// Multi-line text may contain tab, CR and LF.
/// </summary>
public static class TextCharacters
{
    /// <summary>
    /// Returns a message naming <paramref name="fieldName"/>, the first rejected character of
    /// <paramref name="value"/> and its 1-based position, or null when every character is allowed.
    /// </summary>
    public static string? FindProblem(string value, bool multiLine, string fieldName)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var position = i + 1;
            if (c is '\t' or '\r' or '\n')
            {
                if (!multiLine)
                {
                    return $"{fieldName} must be a single line; remove the {NameOfBreak(c)} ({CodePoint(c)}) at position {position}.";
                }
            }
            else if (char.IsControl(c))
            {
                return $"{fieldName} contains the control character {CodePoint(c)} at position {position}; remove it.";
            }
            else if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
            {
                return $"{fieldName} contains the bidirectional formatting character {CodePoint(c)} at position {position}, which can make text display in another order than it is stored; remove it.";
            }
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"{fieldName} contains the unpaired surrogate {CodePoint(c)} at position {position}, which is not valid Unicode text.";
            }
        }

        return null;
    }

    private static string NameOfBreak(char c) => c switch
    {
        '\t' => "tab",
        '\r' => "carriage return",
        _ => "line feed",
    };

    private static string CodePoint(char c) => "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
}
