using System.Globalization;
using System.Security.Claims;
using Central.Data.Audit;
using Central.Data.Caseworkers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Central.Bot.Cases.Workspace;

/// <summary>The workspace's authorization policies: each role includes the ones before it.</summary>
public static class WorkspacePolicy
{
    public const string Caseworker = "workspace-caseworker";
    public const string Supervisor = "workspace-supervisor";
    public const string Admin = "workspace-admin";

    /// <summary>Who may export reporters' names, phone numbers and descriptions in bulk.</summary>
    public const string PersonalDataExport = Supervisor;

    public static readonly string[] CaseworkerRoles = [CaseworkerRole.Caseworker, CaseworkerRole.Supervisor, CaseworkerRole.Admin];
    public static readonly string[] SupervisorRoles = [CaseworkerRole.Supervisor, CaseworkerRole.Admin];
    public static readonly string[] AdminRoles = [CaseworkerRole.Admin];
}

public abstract record SignInOutcome
{
    public sealed record Succeeded(Caseworker Caseworker) : SignInOutcome;

    public sealed record LockedOut(DateTimeOffset Until) : SignInOutcome;

    /// <summary>Unknown address, wrong password or disabled account: the person is told the same for all three.</summary>
    public sealed record Failed : SignInOutcome;
}

/// <summary>
/// Password sign-in with lockout, the cookie's contents, and the check on every request that the account still
/// exists, is enabled and has the role and session stamp the cookie was issued with (so disabling an account, or
/// changing its role or password, ends its sessions at once), and that the session is not older than allowed.
/// </summary>
public sealed partial class CaseworkerSignIn(
    CaseworkerStore caseworkers,
    IPasswordHasher<Caseworker> hasher,
    AuditLog audit,
    TimeProvider time,
    IOptions<WorkspaceOptions> options,
    ILogger<CaseworkerSignIn> logger)
{
    public const string Scheme = "Workspace";
    public const string StampClaim = "central:stamp";
    public const string SinceClaim = "central:since";
    public const string MethodClaim = "central:method";

    // Hashing for an unknown address too keeps the answer's timing from telling which addresses have accounts.
    private readonly Lazy<string> _decoyHash = new(() => hasher.HashPassword(new Caseworker(), Guid.NewGuid().ToString()));

    public async Task<SignInOutcome> CheckPasswordAsync(string email, string password, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var caseworker = await caseworkers.FindByEmailAsync(email, cancellationToken);
        if (caseworker is null)
        {
            hasher.VerifyHashedPassword(new Caseworker(), _decoyHash.Value, password);
            await audit.WriteAsync("anonymous", "sign_in_failed", null, "unknown address", cancellationToken);
            Log.Failed(logger, null);
            return new SignInOutcome.Failed();
        }
        var actor = Actor(caseworker.Id);
        if (caseworker.LockedUntil is { } until && until > time.GetUtcNow())
        {
            await audit.WriteAsync(actor, "sign_in_refused", Actor(caseworker.Id), "locked out", cancellationToken);
            return new SignInOutcome.LockedOut(until);
        }
        var verified = hasher.VerifyHashedPassword(caseworker, caseworker.PasswordHash, password);
        if (verified == PasswordVerificationResult.Failed || caseworker.Disabled)
        {
            await caseworkers.RecordFailedSignInAsync(caseworker.Id, settings.LockoutAttempts, TimeSpan.FromMinutes(settings.LockoutMinutes), cancellationToken);
            await audit.WriteAsync(actor, "sign_in_failed", actor, caseworker.Disabled ? "disabled account" : "wrong password", cancellationToken);
            Log.Failed(logger, caseworker.Id);
            var after = await caseworkers.FindAsync(caseworker.Id, cancellationToken);
            return after?.LockedUntil is { } lockedNow && lockedNow > time.GetUtcNow()
                ? new SignInOutcome.LockedOut(lockedNow)
                : new SignInOutcome.Failed();
        }
        if (verified == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await caseworkers.UpgradePasswordHashAsync(caseworker.Id, hasher.HashPassword(caseworker, password), cancellationToken);
        }
        return new SignInOutcome.Succeeded(caseworker);
    }

    /// <summary>Records a successful sign-in (password or Entra) and returns the principal for the cookie.</summary>
    public async Task<ClaimsPrincipal> SignedInAsync(Caseworker caseworker, string method, CancellationToken cancellationToken)
    {
        await caseworkers.RecordSignInAsync(caseworker.Id, cancellationToken);
        await audit.WriteAsync(Actor(caseworker.Id), "signed_in", Actor(caseworker.Id), method, cancellationToken);
        Log.SignedIn(logger, caseworker.Id, method);
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, caseworker.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, caseworker.Name),
            new Claim(ClaimTypes.Email, caseworker.Email),
            new Claim(ClaimTypes.Role, caseworker.Role),
            new Claim(StampClaim, caseworker.SessionStamp ?? ""),
            new Claim(SinceClaim, time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            new Claim(MethodClaim, method),
        ], Scheme, ClaimTypes.Name, ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Cookie events' OnValidatePrincipal: runs on every request that carries a workspace cookie.</summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var id = principal?.CaseworkerId();
        var since = long.TryParse(principal?.FindFirstValue(SinceClaim), CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MinValue;
        var caseworker = id is { } known ? await caseworkers.FindAsync(known, context.HttpContext.RequestAborted) : null;
        var valid = caseworker is { Disabled: false } && principal is not null
            && (caseworker.SessionStamp ?? "") == principal.FindFirstValue(StampClaim)
            && caseworker.Role == principal.FindFirstValue(ClaimTypes.Role)
            && time.GetUtcNow() - since <= TimeSpan.FromHours(options.Value.MaxSessionHours);
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }

    public static string Actor(int caseworkerId) => string.Create(CultureInfo.InvariantCulture, $"caseworker:{caseworkerId}");

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Caseworker {CaseworkerId} signed in ({Method})")]
        public static partial void SignedIn(ILogger logger, int caseworkerId, string method);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Workspace sign-in failed (caseworker {CaseworkerId})")]
        public static partial void Failed(ILogger logger, int? caseworkerId);
    }
}

public static class CaseworkerPrincipal
{
    public static int? CaseworkerId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>How the audit trail names this caseworker: <c>caseworker:{id}</c>, never a name or address.</summary>
    public static string Actor(this ClaimsPrincipal user) => CaseworkerSignIn.Actor(user.CaseworkerId() ?? 0);

    public static bool IsSupervisor(this ClaimsPrincipal user) => WorkspacePolicy.SupervisorRoles.Any(user.IsInRole);

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(CaseworkerRole.Admin);
}
