namespace AutoTracker.Identity;

public static class RoleConsts
{
    /// <summary>Maximum role name length. Role names are stored in grants and in the sign-in cookie's role claims.</summary>
    public const int MaxNameLength = 64;

    /// <summary>
    /// Letters, digits, spaces, dots, hyphens and underscores, starting and ending with a letter or digit. Spaces
    /// are allowed inside only, so that two names cannot differ by leading or trailing spaces alone.
    /// </summary>
    public const string NamePattern = @"^[\p{L}\p{Nd}](?:[\p{L}\p{Nd} ._-]*[\p{L}\p{Nd}])?$";

    public const string NamePatternMessage =
        "The role name may contain only letters, digits, spaces, dots, hyphens and underscores, and must start and end with a letter or digit.";
}
