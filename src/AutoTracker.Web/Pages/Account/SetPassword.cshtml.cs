using System.ComponentModel.DataAnnotations;
using AutoTracker.Domain;
using AutoTracker.EntityFrameworkCore.MultiTenancy;
using AutoTracker.Identity;
using AutoTracker.Localization;
using AutoTracker.MultiTenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Account;

/// <summary>
/// The target of invitation and password reset links: the user chooses a password, checked by the tenant's policy.
/// The link names the tenant, so the page works whatever tenant the browser last used. A wrong, expired or used
/// link, an unknown user and an inactive tenant all get the same message, so the page reveals no accounts.
/// </summary>
[AllowAnonymous]
public sealed class SetPasswordModel(
    HostDatabase hostDatabase,
    ITenantDatabaseManager tenantDatabases,
    IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? TenantId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public SetPasswordInput Input { get; set; } = new();

    /// <summary>Set when the link cannot be used; the page then shows only the generic message.</summary>
    public bool LinkInvalid { get; private set; }

    /// <summary>Set after the password was saved.</summary>
    public bool Succeeded { get; private set; }

    /// <summary>The tenant to enter at sign-in, or null for a host user.</summary>
    public string? TenantName { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ProtectToken();
        LinkInvalid = await ResolveAsync(cancellationToken) is not { } link
            || !await RunAsync(link, service => service.IsValidAsync(link.UserId, Kind, Token), cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ProtectToken();
        if (await ResolveAsync(cancellationToken) is not { } link)
        {
            LinkInvalid = true;
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!string.Equals(Input.Password, Input.ConfirmPassword, StringComparison.Ordinal))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.ConfirmPassword)}", localizer["The two passwords differ. Enter the same password twice."]);
            return Page();
        }

        try
        {
            var outcome = await RunAsync(link, service => service.SetPasswordAsync(link.UserId, Kind, Token, Input.Password), cancellationToken);
            LinkInvalid = outcome == SetPasswordOutcome.InvalidLink;
            Succeeded = outcome == SetPasswordOutcome.Succeeded;
        }
        catch (InputValidationException ex)
        {
            foreach (var message in ex.Errors.SelectMany(e => e.Value))
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Password)}", message);
            }
        }

        return Page();
    }

    /// <summary>The token is in the address: the response must not be cached or sent on as a referrer.</summary>
    private void ProtectToken()
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
    }

    /// <summary>Reads the user id and the tenant of the link; returns null when either is malformed or the tenant is not active.</summary>
    private async Task<LinkTarget?> ResolveAsync(CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(UserId, "N", out var userId))
        {
            return null;
        }

        if (string.IsNullOrEmpty(TenantId))
        {
            return new LinkTarget(null, userId);
        }

        if (!Guid.TryParseExact(TenantId, "N", out var tenantId))
        {
            return null;
        }

        var tenant = await hostDatabase.Context.Tenants.AsNoTracking()
            .Where(t => t.Id == tenantId && t.IsActive && !t.IsDeleted)
            .Select(t => new { t.Id, t.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (tenant is null)
        {
            return null;
        }

        TenantName = tenant.Name;
        return new LinkTarget(tenant.Id, userId);
    }

    /// <summary>Runs the link service in a scope on the tenant's database, which may be a database of its own.</summary>
    private Task<T> RunAsync<T>(LinkTarget link, Func<AccountLinkService, Task<T>> work, CancellationToken cancellationToken) =>
        tenantDatabases.RunInTenantScopeAsync(
            link.TenantId,
            connectionString: null,
            (services, _) => work(services.GetRequiredService<AccountLinkService>()),
            cancellationToken);

    private sealed record LinkTarget(Guid? TenantId, Guid UserId);

    public sealed class SetPasswordInput
    {
        [Required]
        [StringLength(IdentityConsts.MaxPasswordLength)]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string Password { get; set; } = string.Empty;

        [Required]
        [StringLength(IdentityConsts.MaxPasswordLength)]
        [DataType(DataType.Password)]
        [Display(Name = "Repeat the password")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }
}
