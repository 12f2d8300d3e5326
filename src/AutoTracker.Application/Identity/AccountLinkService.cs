using AutoTracker.Domain;
using AutoTracker.Emailing;
using AutoTracker.MultiTenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoTracker.Identity;

/// <summary>Outcome of a set-password request; every problem with the link has the one generic outcome.</summary>
public enum SetPasswordOutcome
{
    Succeeded = 0,
    InvalidLink = 1,
}

/// <summary>
/// Sends invitation and password reset links, and sets the password from such a link. It works in the current
/// tenant's scope. The link goes only to the e-mail address stored for the user, and neither the link nor the
/// token is ever logged.
/// </summary>
public sealed partial class AccountLinkService(
    UserManager<AppUser> userManager,
    IEmailSender emailSender,
    IAccountLinkBuilder linkBuilder,
    ICurrentTenant currentTenant,
    IOptions<AccountLinkOptions> options,
    ILogger<AccountLinkService> logger)
{
    /// <summary>Sends an invitation when the user has no password yet, else a password reset link.</summary>
    public async Task SendAsync(AppUser user, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(user.Email))
        {
            throw new BusinessException(ErrorCodes.UserEmailMissing, "The user has no e-mail address. Add one before sending a link.", nameof(AppUser.Email));
        }

        var kind = user.PasswordHash is null ? AccountLinkKinds.Invitation : AccountLinkKinds.PasswordReset;
        var token = await userManager.GenerateUserTokenAsync(user, AccountLinkKinds.TokenProvider(kind), UserManager<AppUser>.ResetPasswordTokenPurpose);
        var link = linkBuilder.BuildSetPasswordLink(currentTenant.Id, user.Id, kind, token);
        var tenant = currentTenant.Name is { } name ? $" in tenant {name}" : string.Empty;
        var message = kind == AccountLinkKinds.Invitation
            ? new EmailMessage(
                user.Email,
                "Your AutoTracker account",
                $"An administrator created the AutoTracker account {user.UserName}{tenant} for you.\n\n"
                + $"Open this link to choose your password:\n{link}\n\n"
                + $"The link works once and expires in {Hours(options.Value.InvitationLifetime)}.")
            : new EmailMessage(
                user.Email,
                "Reset your AutoTracker password",
                $"An administrator sent you a link to set a new password for the AutoTracker account {user.UserName}{tenant}.\n\n"
                + $"Open this link to choose your new password:\n{link}\n\n"
                + $"The link works once and expires in {Hours(options.Value.PasswordResetLifetime)}. If you did not expect it, ignore this message.");
        await emailSender.SendAsync(message, cancellationToken);
        LogLinkSent(logger, user.Id, kind);
    }

    /// <summary>Returns whether the link's token is valid for the user now, without using it.</summary>
    public async Task<bool> IsValidAsync(Guid userId, string? kind, string? token)
    {
        return await FindUserAsync(userId, kind, token) is { } user
            && await userManager.VerifyUserTokenAsync(user, AccountLinkKinds.TokenProvider(kind!), UserManager<AppUser>.ResetPasswordTokenPurpose, token!);
    }

    /// <summary>
    /// Sets the password when the link is valid. Identity's password reset renews the security stamp, so the link
    /// works once. The e-mail address counts as confirmed, because the link reached it.
    /// </summary>
    /// <exception cref="InputValidationException">The password breaks the tenant's password policy; the link stays valid.</exception>
    public async Task<SetPasswordOutcome> SetPasswordAsync(Guid userId, string? kind, string? token, string password)
    {
        if (await FindUserAsync(userId, kind, token) is not { } user
            || !await userManager.VerifyUserTokenAsync(user, AccountLinkKinds.TokenProvider(kind!), UserManager<AppUser>.ResetPasswordTokenPurpose, token!))
        {
            LogInvalidLink(logger, userId);
            return SetPasswordOutcome.InvalidLink;
        }

        // Identity's reset takes a token of its own provider; an invitation token was verified above instead.
        var resetToken = kind == AccountLinkKinds.PasswordReset ? token! : await userManager.GeneratePasswordResetTokenAsync(user);
        user.EmailConfirmed = true;
        var result = await userManager.ResetPasswordAsync(user, resetToken, password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                LogInvalidLink(logger, userId);
                return SetPasswordOutcome.InvalidLink;
            }

            throw new InputValidationException(new Dictionary<string, string[]>
            {
                ["password"] = result.Errors.Select(e => e.Description).ToArray(),
            });
        }

        LogPasswordSet(logger, user.Id, kind!);
        return SetPasswordOutcome.Succeeded;
    }

    private async Task<AppUser?> FindUserAsync(Guid userId, string? kind, string? token)
    {
        if (!AccountLinkKinds.IsDefined(kind) || string.IsNullOrEmpty(token))
        {
            return null;
        }

        var user = await userManager.FindByIdAsync(userId.ToString());
        return user is { IsActive: true } ? user : null;
    }

    private static string Hours(TimeSpan lifetime) =>
        lifetime.TotalHours >= 1 ? $"{lifetime.TotalHours:0.#} hours" : $"{lifetime.TotalMinutes:0} minutes";

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Set-password link of kind {Kind} sent to user {UserId}")]
    private static partial void LogLinkSent(ILogger logger, Guid userId, string kind);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Password of user {UserId} set through a link of kind {Kind}")]
    private static partial void LogPasswordSet(ILogger logger, Guid userId, string kind);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Invalid, expired or used set-password link for user id {UserId}")]
    private static partial void LogInvalidLink(ILogger logger, Guid userId);
}
