using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AutoTracker.Pages.Account;

public sealed class AccessDeniedModel : PageModel
{
}
