using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Central.Bot.Cases.Workspace.SignIn;

/// <summary>Where a signed-in caseworker lands for a page their role does not open; answered with 403.</summary>
public sealed class DeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
