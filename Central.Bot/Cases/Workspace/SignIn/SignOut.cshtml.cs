using Central.Data.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Central.Bot.Cases.Workspace.SignIn;

/// <summary>POST only (with the antiforgery token): a link could sign people out from another site.</summary>
public sealed class SignOutModel(AuditLog audit) : PageModel
{
    public IActionResult OnGet() => Redirect(WorkspaceSetup.PathBase);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            await audit.WriteAsync(User.Actor(), "signed_out", User.Actor(), null, cancellationToken);
        }
        await HttpContext.SignOutAsync(CaseworkerSignIn.Scheme);
        return Redirect(WorkspaceSetup.PathBase + "/sign-in");
    }
}
