using Central.Bot.Translation;
using Central.Data.Audit;
using Central.Data.Messaging;
using Central.Data.Translation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Central.Bot.Cases.Workspace.Admin;

/// <summary>For admins: messages that will never reach a worker, and why; machine translation's use this month; and the audit trail's latest entries.</summary>
public sealed class AdminModel(OutboxStore outbox, AuditLog audit, TranslatorClient translator, TranslationStore translations) : PageModel
{
    public bool TranslationEnabled => translator.Enabled;

    /// <summary>What Azure bills: characters sent to Translator this month.</summary>
    public long TranslatedCharacters { get; private set; }

    public IReadOnlyList<FailedSend> Failures { get; private set; } = [];

    public IReadOnlyList<AuditEntry> Audit { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Failures = await outbox.RecentFailuresAsync(100, cancellationToken);
        Audit = await audit.RecentAsync(100, cancellationToken);
        TranslatedCharacters = TranslationEnabled ? await translations.CharactersThisMonthAsync(cancellationToken) : 0;
    }

    public static string Explain(string kind) => kind switch
    {
        "outside_window" => WorkspaceTexts.FailureOutsideWindow,
        "user_unavailable" => WorkspaceTexts.FailureUserUnavailable,
        "bad_token" => WorkspaceTexts.FailureBadToken,
        "page_restricted" => WorkspaceTexts.FailurePageRestricted,
        "permission" => WorkspaceTexts.FailurePermission,
        "policy_blocked" => WorkspaceTexts.FailurePolicyBlocked,
        "expired" => WorkspaceTexts.FailureExpired,
        "no_channel" => WorkspaceTexts.FailureNoChannel,
        _ => WorkspaceTexts.FailureRejected,
    };
}
