using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace AutoTracker.Identity;

/// <summary>
/// Rejects passwords that appear on the shipped list of commonly used passwords (compared case-insensitively),
/// and passwords longer than the maximum. There are no composition rules: length and rarity are what count.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    private static readonly Lazy<HashSet<string>> CommonPasswords = new(Load);

    public static int ListSize => CommonPasswords.Value.Count;

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (password is null)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordMissing", Description = "Enter a password." }));
        }

        if (password.Length > IdentityConsts.MaxPasswordLength)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooLong",
                Description = $"Passwords have at most {IdentityConsts.MaxPasswordLength} characters.",
            }));
        }

        if (IsCommon(password) || IsCommon(password, user.UserName) || IsCommon(password, user.Email))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooCommon",
                Description = "This password is too common or too easy to guess; choose a longer phrase of unrelated words.",
            }));
        }

        return Task.FromResult(IdentityResult.Success);
    }

    public static bool IsCommon(string password) => CommonPasswords.Value.Contains(password.Trim());

    private static bool IsCommon(string password, string? personal) =>
        !string.IsNullOrEmpty(personal) && password.Contains(personal, StringComparison.OrdinalIgnoreCase) && password.Length < personal.Length + 6;

    private static HashSet<string> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        using var stream = assembly.GetManifestResourceStream("AutoTracker.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The embedded common-password list is missing from the build.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                set.Add(line);
            }
        }

        return set;
    }
}
