using System.Buffers.Text;
using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AutoTracker.Identity;

/// <summary>How long the links of invitation and password reset e-mails stay valid, bound from <c>AutoTracker:AccountLinks</c>.</summary>
public sealed class AccountLinkOptions
{
    public const string SectionName = "AutoTracker:AccountLinks";

    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromHours(24);

    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>The two kinds of set-password links; each has a token provider of its own, so a token of one kind never passes as the other.</summary>
public static class AccountLinkKinds
{
    public const string Invitation = "invitation";
    public const string PasswordReset = "reset";

    public static bool IsDefined(string? kind) => kind is Invitation or PasswordReset;

    public static string TokenProvider(string kind) => kind == Invitation ? InvitationTokenProvider.ProviderName : PasswordResetTokenProvider.ProviderName;
}

/// <summary>
/// Issues tokens for set-password links. A token is the creation time, the user id, the purpose and the user's
/// security stamp, encrypted with the Data Protection key ring. It fails once its lifetime has passed or the
/// security stamp changed. Setting the password renews the stamp, so each token works once.
/// </summary>
public abstract class AccountLinkTokenProvider(IDataProtectionProvider dataProtection, TimeProvider timeProvider, string name)
    : IUserTwoFactorTokenProvider<AppUser>
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("AutoTracker.AccountLinkToken", name);

    protected abstract TimeSpan Lifetime { get; }

    public async Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user)
    {
        var stamp = await manager.GetSecurityStampAsync(user);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(timeProvider.GetUtcNow().UtcTicks);
            writer.Write(user.Id.ToString("N"));
            writer.Write(purpose);
            writer.Write(stamp);
        }

        return Base64Url.EncodeToString(_protector.Protect(buffer.ToArray()));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        if (!TryRead(token, out var created, out var userId, out var tokenPurpose, out var tokenStamp))
        {
            return false;
        }

        var age = timeProvider.GetUtcNow() - created;
        if (age < TimeSpan.Zero || age > Lifetime || userId != user.Id.ToString("N") || tokenPurpose != purpose)
        {
            return false;
        }

        var stamp = await manager.GetSecurityStampAsync(user);
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stamp), Encoding.UTF8.GetBytes(tokenStamp));
    }

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) => Task.FromResult(false);

    private bool TryRead(string token, out DateTimeOffset created, out string userId, out string purpose, out string stamp)
    {
        created = default;
        userId = purpose = stamp = string.Empty;
        if (string.IsNullOrEmpty(token) || token.Length > 2048 || !Base64Url.IsValid(token))
        {
            return false;
        }

        try
        {
            var data = _protector.Unprotect(Base64Url.DecodeFromChars(token));
            using var reader = new BinaryReader(new MemoryStream(data), Encoding.UTF8);
            created = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
            userId = reader.ReadString();
            purpose = reader.ReadString();
            stamp = reader.ReadString();
            return true;
        }
        catch (Exception ex) when (ex is CryptographicException or EndOfStreamException or FormatException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }
}

/// <summary>Tokens of invitation links, valid for <see cref="AccountLinkOptions.InvitationLifetime"/>.</summary>
public sealed class InvitationTokenProvider(IDataProtectionProvider dataProtection, TimeProvider timeProvider, IOptions<AccountLinkOptions> options)
    : AccountLinkTokenProvider(dataProtection, timeProvider, ProviderName)
{
    public const string ProviderName = "AutoTracker.Invitation";

    protected override TimeSpan Lifetime => options.Value.InvitationLifetime;
}

/// <summary>Tokens of password reset links, valid for <see cref="AccountLinkOptions.PasswordResetLifetime"/>; Identity's password reset uses it.</summary>
public sealed class PasswordResetTokenProvider(IDataProtectionProvider dataProtection, TimeProvider timeProvider, IOptions<AccountLinkOptions> options)
    : AccountLinkTokenProvider(dataProtection, timeProvider, ProviderName)
{
    public const string ProviderName = "AutoTracker.PasswordReset";

    protected override TimeSpan Lifetime => options.Value.PasswordResetLifetime;
}

/// <summary>Builds the absolute address of the set-password page; the web host builds it from its public base URL.</summary>
public interface IAccountLinkBuilder
{
    Uri BuildSetPasswordLink(Guid? tenantId, Guid userId, string kind, string token);
}
