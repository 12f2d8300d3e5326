using System.ComponentModel.DataAnnotations;
using AutoTracker.Account;
using AutoTracker.Identity;
using AutoTracker.Localization;
using AutoTracker.MultiTenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Account;

[AllowAnonymous]
public sealed class LoginModel(
    PasswordSignInService passwordSignIn,
    SignInManager<AppUser> signInManager,
    TimeProvider timeProvider,
    IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task OnGetAsync()
    {
        // Start from a clean state: a stale or foreign cookie must not survive into the new session.
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await passwordSignIn.CheckAsync(Input.TenantName, Input.UserNameOrEmail, Input.Password, cancellationToken);
        if (user is null)
        {
            ModelState.AddModelError(string.Empty, localizer["Sign-in failed. Check the tenant, user name and password. After 5 failed attempts the account is locked for 15 minutes."]);
            return Page();
        }

        // The redirect target is set here, already encoded: otherwise the cookie handler copies the raw ReturnUrl
        // query value into the Location header, and a character such as ü there fails the response.
        var target = SafeReturnUrl(ReturnUrl);
        var properties = new AuthenticationProperties { IsPersistent = false, RedirectUri = target };
        properties.Items[TenantSecurityStampValidator.SignedInUtcItem] = timeProvider.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await signInManager.SignInAsync(user, properties);
        return LocalRedirect(target);
    }

    /// <summary>Accepts only a local path such as <c>/Vehicles</c>; anything that could leave the site goes to the home page.</summary>
    internal string SafeReturnUrl(string? returnUrl)
    {
        var local = !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) && !returnUrl.Contains('\\')
            && !returnUrl.Contains("%5c", StringComparison.OrdinalIgnoreCase)
            && !returnUrl.Contains("%2f%2f", StringComparison.OrdinalIgnoreCase)
            && !returnUrl.StartsWith("/%2f", StringComparison.OrdinalIgnoreCase);
        if (!local)
        {
            return "/";
        }

        // A Location header carries ASCII only, so characters such as ü are percent-encoded.
        var uri = new Uri(new Uri("https://localhost"), returnUrl);
        return uri.PathAndQuery + uri.Fragment;
    }

    public sealed class LoginInput
    {
        [StringLength(TenantConsts.MaxNameLength)]
        [Display(Name = "Tenant")]
        public string? TenantName { get; set; }

        [Required(ErrorMessage = "Enter your user name or e-mail address.")]
        [StringLength(IdentityConsts.MaxUserNameLength)]
        [Display(Name = "User name or e-mail")]
        public string UserNameOrEmail { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(IdentityConsts.MaxPasswordLength)]
        [DataType(DataType.Password)]
        public string Password { get; set; } = string.Empty;
    }
}
