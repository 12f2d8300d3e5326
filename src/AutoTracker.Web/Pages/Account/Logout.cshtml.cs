using AutoTracker.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AutoTracker.Pages.Account;

/// <summary>Signs out on POST only (with the antiforgery token), and renews the security stamp so a copied cookie stops working too.</summary>
public sealed class LogoutModel(SignInManager<AppUser> signInManager, UserManager<AppUser> userManager) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is not null)
        {
            await userManager.UpdateSecurityStampAsync(user);
        }

        await signInManager.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
