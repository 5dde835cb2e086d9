using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Central.Bot.Cases.Workspace.SignIn;

public sealed class SignInModel(CaseworkerSignIn signIn, IOptions<WorkspaceOptions> options, TimeProvider time) : PageModel
{
    public string? Error { get; private set; }

    public string Email { get; private set; } = "";

    public string ReturnUrl { get; private set; } = WorkspaceSetup.PathBase;

    public bool EntraEnabled => options.Value.Entra.Enabled;

    public void OnGet(string? returnUrl, string? failed)
    {
        ReturnUrl = WorkspaceSetup.LocalOrHome(returnUrl);
        if (failed == "entra")
        {
            Error = WorkspaceTexts.EntraNoAccount;
        }
    }

    public async Task<IActionResult> OnPostAsync(string? email, string? password, string? returnUrl, CancellationToken cancellationToken)
    {
        ReturnUrl = WorkspaceSetup.LocalOrHome(returnUrl);
        Email = email?.Trim() ?? "";
        if (Email.Length is 0 or > 320 || string.IsNullOrEmpty(password) || password.Length > PasswordPolicy.MaxLength)
        {
            Error = WorkspaceTexts.SignInFailed;
            return Page();
        }
        switch (await signIn.CheckPasswordAsync(Email, password, cancellationToken))
        {
            case SignInOutcome.Succeeded succeeded:
                var principal = await signIn.SignedInAsync(succeeded.Caseworker, "password", cancellationToken);
                await HttpContext.SignInAsync(CaseworkerSignIn.Scheme, principal, new AuthenticationProperties { IsPersistent = false });
                return LocalRedirect(ReturnUrl);
            case SignInOutcome.LockedOut locked:
                Error = WorkspaceTexts.LockedOut((int)Math.Ceiling((locked.Until - time.GetUtcNow()).TotalMinutes));
                return Page();
            default:
                Error = WorkspaceTexts.SignInFailed;
                return Page();
        }
    }
}
