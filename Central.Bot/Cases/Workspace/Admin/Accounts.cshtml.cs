using Central.Data.Audit;
using Central.Data.Caseworkers;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Central.Bot.Cases.Workspace.Admin;

/// <summary>
/// Caseworker accounts: add one, change a role, disable or enable, lift a lockout, set a new password. Each change is
/// audited and ends the account's open sessions. An admin cannot disable or demote their own account (so the last
/// admin cannot lock everyone out).
/// </summary>
public sealed class AccountsModel(CaseworkerStore caseworkers, IPasswordHasher<Caseworker> hasher, AuditLog audit, TimeProvider time) : PageModel
{
    public IReadOnlyList<Caseworker> Accounts { get; private set; } = [];

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task OnGetAsync(CancellationToken cancellationToken) => Accounts = await caseworkers.AllAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(string? email, string? name, string? role, string? password, CancellationToken cancellationToken)
    {
        email = email?.Trim() ?? "";
        name = name?.Trim() ?? "";
        if (email.Length is < 3 or > 320 || !email.Contains('@', StringComparison.Ordinal) || name.Length is 0 or > 200 || role is null || !CaseworkerRole.All.Contains(role))
        {
            return Back(problem: WorkspaceTexts.AccountFieldsRequired);
        }
        if (PasswordPolicy.Check(password ?? "", email, name) is { } problem)
        {
            return Back(problem: Weak(problem));
        }
        var id = await caseworkers.AddAsync(email, name, role, hasher.HashPassword(new Caseworker(), password!), cancellationToken);
        if (id is null)
        {
            return Back(problem: WorkspaceTexts.EmailTaken);
        }
        await audit.WriteAsync(User.Actor(), "account_added", CaseworkerSignIn.Actor(id.Value), role, cancellationToken);
        return Back(notice: WorkspaceTexts.AccountAdded);
    }

    public async Task<IActionResult> OnPostRoleAsync(int id, string? role, CancellationToken cancellationToken)
    {
        if (role is null || !CaseworkerRole.All.Contains(role) || await caseworkers.FindAsync(id, cancellationToken) is null)
        {
            return Back(problem: WorkspaceTexts.NoSuchCaseworker);
        }
        if (id == User.CaseworkerId())
        {
            return Back(problem: WorkspaceTexts.NotYourOwnAccount);
        }
        await caseworkers.SetRoleAsync(id, role, cancellationToken);
        await audit.WriteAsync(User.Actor(), "account_role", CaseworkerSignIn.Actor(id), role, cancellationToken);
        return Back(notice: WorkspaceTexts.AccountChanged);
    }

    public async Task<IActionResult> OnPostDisableAsync(int id, bool disabled, CancellationToken cancellationToken)
    {
        if (await caseworkers.FindAsync(id, cancellationToken) is null)
        {
            return Back(problem: WorkspaceTexts.NoSuchCaseworker);
        }
        if (id == User.CaseworkerId())
        {
            return Back(problem: WorkspaceTexts.NotYourOwnAccount);
        }
        await caseworkers.SetDisabledAsync(id, disabled, cancellationToken);
        await audit.WriteAsync(User.Actor(), disabled ? "account_disabled" : "account_enabled", CaseworkerSignIn.Actor(id), null, cancellationToken);
        return Back(notice: WorkspaceTexts.AccountChanged);
    }

    public async Task<IActionResult> OnPostUnlockAsync(int id, CancellationToken cancellationToken)
    {
        if (await caseworkers.FindAsync(id, cancellationToken) is null)
        {
            return Back(problem: WorkspaceTexts.NoSuchCaseworker);
        }
        await caseworkers.UnlockAsync(id, cancellationToken);
        await audit.WriteAsync(User.Actor(), "account_unlocked", CaseworkerSignIn.Actor(id), null, cancellationToken);
        return Back(notice: WorkspaceTexts.AccountChanged);
    }

    public async Task<IActionResult> OnPostPasswordAsync(int id, string? password, CancellationToken cancellationToken)
    {
        if (await caseworkers.FindAsync(id, cancellationToken) is not { } account)
        {
            return Back(problem: WorkspaceTexts.NoSuchCaseworker);
        }
        if (PasswordPolicy.Check(password ?? "", account.Email, account.Name) is { } problem)
        {
            return Back(problem: Weak(problem));
        }
        await caseworkers.SetPasswordHashAsync(id, hasher.HashPassword(account, password!), cancellationToken);
        await audit.WriteAsync(User.Actor(), "account_password", CaseworkerSignIn.Actor(id), null, cancellationToken);
        return Back(notice: WorkspaceTexts.AccountChanged);
    }

    public static string Weak(PasswordProblem problem) => problem switch
    {
        PasswordProblem.TooShort => WorkspaceTexts.PasswordTooShort(PasswordPolicy.MinLength),
        PasswordProblem.TooSimple => WorkspaceTexts.PasswordTooSimple,
        PasswordProblem.TooCommon => WorkspaceTexts.PasswordTooCommon,
        _ => WorkspaceTexts.PasswordContainsName,
    };

    private RedirectResult Back(string? notice = null, string? problem = null)
    {
        TempData["Notice"] = notice;
        TempData["Problem"] = problem;
        return Redirect(WorkspaceSetup.PathBase + "/admin/accounts");
    }
}
