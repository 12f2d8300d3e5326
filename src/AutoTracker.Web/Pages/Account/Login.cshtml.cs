using System.ComponentModel.DataAnnotations;
using AutoTracker.Account;
using AutoTracker.Hosting;
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
    TimeProvider timeProvider,
    TenantLookup tenantLookup,
    IHostEnvironment environment,
    IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The tenant to switch to; empty switches to the host side.</summary>
    [BindProperty]
    public string? SwitchTenantName { get; set; }

    /// <summary>The tenant that the address, header or tenant cookie fixes for this sign-in, or null.</summary>
    public string? FixedTenantName => Resolution?.HintedTenant?.Name;

    /// <summary>False when the address decides the tenant, because a tenant cookie would not change it.</summary>
    public bool CanSwitchTenant => Resolution?.Hint?.Source != TenantHintSource.Domain;

    private TenantResolutionFeature? Resolution => HttpContext.Features.Get<TenantResolutionFeature>();

    public async Task OnGetAsync()
    {
        // Start from a clean state: a stale or foreign cookie must not survive into the new session.
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        AddResolutionError();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (AddResolutionError() || !ModelState.IsValid)
        {
            return Page();
        }

        // A tenant fixed by the address, header or cookie wins over the form field, which the page does not show then.
        var tenantName = FixedTenantName ?? Input.TenantName;

        // The redirect target is set here, already encoded: otherwise the cookie handler copies the raw ReturnUrl
        // query value into the Location header, and a character such as ü there fails the response.
        var target = SafeReturnUrl(ReturnUrl);
        var properties = new AuthenticationProperties { IsPersistent = false, RedirectUri = target };
        properties.Items[TenantSecurityStampValidator.SignedInUtcItem] = timeProvider.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        if (!await passwordSignIn.SignInAsync(tenantName, Input.UserNameOrEmail, Input.Password, properties, cancellationToken))
        {
            ModelState.AddModelError(string.Empty, localizer["Sign-in failed. Check the tenant, user name and password. After 5 failed attempts the account is locked for 15 minutes."]);
            return Page();
        }

        return LocalRedirect(target);
    }

    /// <summary>
    /// Remembers the chosen tenant in the tenant cookie, or deletes the cookie when the name is empty. Only an
    /// anonymous visitor can switch, because a signed-in user's requests would get 403 once the cookie names
    /// another tenant.
    /// </summary>
    public async Task<IActionResult> OnPostSwitchTenantAsync(CancellationToken cancellationToken)
    {
        // The sign-in form's fields are bound too but not posted here, so their errors do not apply.
        ModelState.Clear();
        if (User.Identity?.IsAuthenticated == true)
        {
            ModelState.AddModelError(nameof(SwitchTenantName), localizer["Sign out before you switch tenant."]);
            return Page();
        }

        if (!CanSwitchTenant)
        {
            ModelState.AddModelError(nameof(SwitchTenantName), localizer["This address decides the tenant. To sign in to another tenant, open that tenant's address."]);
            return Page();
        }

        if (string.IsNullOrWhiteSpace(SwitchTenantName))
        {
            TenantCookie.Delete(HttpContext, environment);
            return RedirectToPage(new { ReturnUrl });
        }

        if (!TenantHints.IsValidName(SwitchTenantName))
        {
            ModelState.AddModelError(nameof(SwitchTenantName), localizer["A tenant name has at most {0} characters and no control characters.", TenantConsts.MaxNameLength]);
            return Page();
        }

        var tenant = await tenantLookup.FindByNameAsync(SwitchTenantName, cancellationToken);
        if (tenant is not { IsActive: true })
        {
            ModelState.AddModelError(nameof(SwitchTenantName), localizer["No active tenant is named '{0}'. Check the name.", SwitchTenantName]);
            return Page();
        }

        TenantCookie.Set(HttpContext, environment, tenant.Name);
        return RedirectToPage(new { ReturnUrl });
    }

    /// <summary>Shows why the tenant that the request names cannot sign in; returns true when there is such an error.</summary>
    private bool AddResolutionError()
    {
        if (Resolution is not { Rejection: not null, Hint: { } hint })
        {
            return false;
        }

        var message = hint.Source switch
        {
            TenantHintSource.Domain => localizer["This address names tenant '{0}', which does not exist or is inactive. Check the address.", hint.Name],
            TenantHintSource.Cookie => localizer["The remembered tenant '{0}' does not exist or is inactive. Switch to another tenant below.", hint.Name],
            _ => localizer["The request names tenant '{0}', which does not exist or is inactive.", hint.Name],
        };
        ModelState.AddModelError(string.Empty, message);
        return true;
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
