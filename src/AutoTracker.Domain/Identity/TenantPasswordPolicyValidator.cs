using AutoTracker.MultiTenancy;
using AutoTracker.Settings;
using Microsoft.AspNetCore.Identity;

namespace AutoTracker.Identity;

/// <summary>
/// Applies the password settings of the user's tenant (or the host defaults for host users) on top of Identity's
/// own validator, whose options hold the floors. The settings can only be stricter than those floors.
/// </summary>
public sealed class TenantPasswordPolicyValidator(ISettingProvider settings, ICurrentTenant currentTenant) : IPasswordValidator<AppUser>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (password is null)
        {
            // CommonPasswordValidator reports the missing password.
            return IdentityResult.Success;
        }

        EffectiveSettings effective;
        using (currentTenant.Change(user.TenantId))
        {
            effective = await settings.GetEffectiveAsync(CancellationToken.None);
        }

        var describer = manager.ErrorDescriber;
        var errors = new List<IdentityError>();
        if (password.Length < effective.PasswordRequiredLength)
        {
            errors.Add(describer.PasswordTooShort(effective.PasswordRequiredLength));
        }

        if (effective.PasswordRequireDigit && !password.Any(char.IsAsciiDigit))
        {
            errors.Add(describer.PasswordRequiresDigit());
        }

        if (effective.PasswordRequireLowercase && !password.Any(char.IsLower))
        {
            errors.Add(describer.PasswordRequiresLower());
        }

        if (effective.PasswordRequireUppercase && !password.Any(char.IsUpper))
        {
            errors.Add(describer.PasswordRequiresUpper());
        }

        if (effective.PasswordRequireNonAlphanumeric && password.All(char.IsLetterOrDigit))
        {
            errors.Add(describer.PasswordRequiresNonAlphanumeric());
        }

        if (password.Distinct().Count() < effective.PasswordRequiredUniqueChars)
        {
            errors.Add(describer.PasswordRequiresUniqueChars(effective.PasswordRequiredUniqueChars));
        }

        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }
}
