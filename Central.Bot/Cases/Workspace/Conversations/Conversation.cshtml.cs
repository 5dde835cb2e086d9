using System.Globalization;
using Central.Bot.Cases.Workspace.Shared;
using Central.Bot.Translation;
using Central.Data.Audit;
using Central.Data.Caseworkers;
using Central.Data.Cases;
using Central.Data.Contacts;
using Central.Dialogs.Conversation.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Central.Bot.Cases.Workspace.Conversations;

/// <summary>
/// One worker's conversation with the bot: read it, take it over (the bot stays quiet for this worker), answer in
/// Khmer or English within Messenger's rules (a draft can be machine-translated for the caseworker to check), and
/// hand it back; the worker's messages can be machine-translated. Views, actions and every text sent to Azure are audited.
/// </summary>
public sealed class ConversationModel(
    ContactStore contacts,
    TranscriptStore transcript,
    CaseStore cases,
    CaseworkerStore caseworkers,
    WorkerDelivery delivery,
    WorkspaceTranslation translation,
    AuditLog audit) : PageModel
{
    public Contact Contact { get; private set; } = null!;

    public IReadOnlyList<TranscriptLine> Transcript { get; private set; } = [];

    public IReadOnlyList<CaseRecord> Cases { get; private set; } = [];

    public IReadOnlyList<Caseworker> Caseworkers { get; private set; } = [];

    public MessagingWindow Window { get; private set; }

    public string ReplyKey { get; private set; } = Guid.NewGuid().ToString("N");

    public PageTranslations Translations { get; private set; } = PageTranslations.Off;

    public ReplyDraft? Draft { get; private set; }

    public ReplyView ReplyForm => new(PagePath("Reply"), PagePath("TranslateReply"), ReplyKey, Case.CaseModel.MaxReply, WorkerLanguage, translation.Enabled, Draft, Translations.Shown);

    public Language WorkerLanguage => Languages.FromCode(Contact.Language) ?? Language.Km;

    public bool HeldByOther => Contact.HumanCaseworkerId is { } holder && holder != User.CaseworkerId();

    public string NameOf(string actor) => actor switch
    {
        "worker" => WorkspaceTexts.ActorWorker,
        "bot" => WorkspaceTexts.ActorBot,
        "workspace" => WorkspaceTexts.ActorWorkspace,
        _ when actor.StartsWith("caseworker:", StringComparison.Ordinal) && int.TryParse(actor["caseworker:".Length..], CultureInfo.InvariantCulture, out var id) =>
            Caseworkers.FirstOrDefault(c => c.Id == id)?.Name ?? actor,
        _ => actor,
    };

    private string Subject => string.Create(CultureInfo.InvariantCulture, $"contact:{Contact.Id}");

    public async Task<IActionResult> OnGetAsync(long contactId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(contactId, cancellationToken))
        {
            return NotFound();
        }
        await audit.WriteAsync(User.Actor(), "conversation_viewed", Subject, null, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostTakeOverAsync(long contactId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(contactId, cancellationToken))
        {
            return NotFound();
        }
        if (HeldByOther && !User.IsSupervisor())
        {
            return Back(problem: WorkspaceTexts.ConversationHeldBy(NameOf(CaseworkerSignIn.Actor(Contact.HumanCaseworkerId!.Value))));
        }
        await contacts.TakeOverAsync(Contact.Id, User.CaseworkerId()!.Value, cancellationToken);
        await audit.WriteAsync(User.Actor(), "conversation_taken_over", Subject, null, cancellationToken);
        return Back(notice: WorkspaceTexts.TookOver);
    }

    public async Task<IActionResult> OnPostHandBackAsync(long contactId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(contactId, cancellationToken))
        {
            return NotFound();
        }
        await contacts.HandBackAsync(Contact.Id, cancellationToken);
        await audit.WriteAsync(User.Actor(), "conversation_handed_back", Subject, null, cancellationToken);
        return Back(notice: WorkspaceTexts.HandedBack);
    }

    public async Task<IActionResult> OnPostReplyAsync(long contactId, string? text, string? language, string? key, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(contactId, cancellationToken))
        {
            return NotFound();
        }
        if (HeldByOther && !User.IsSupervisor())
        {
            return Back(problem: WorkspaceTexts.ConversationHeldBy(NameOf(CaseworkerSignIn.Actor(Contact.HumanCaseworkerId!.Value))));
        }
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > Case.CaseModel.MaxReply)
        {
            return Back(problem: WorkspaceTexts.ReplyRequired(Case.CaseModel.MaxReply));
        }
        var chosen = Languages.FromCode(language) ?? WorkerLanguage;
        var outcome = await delivery.ReplyAsync(Contact, WorkerTexts.FromCaseworker(chosen, text), User.Actor(), key is { Length: 32 } ? key : Guid.NewGuid().ToString("N"), cancellationToken);
        if (outcome == ReplyOutcome.Queued)
        {
            await audit.WriteAsync(User.Actor(), "conversation_reply", Subject, chosen.Code(), cancellationToken);
        }
        return outcome is ReplyOutcome.Queued or ReplyOutcome.AlreadyQueued
            ? Back(notice: WorkspaceTexts.ReplySent)
            : Back(problem: outcome == ReplyOutcome.OutsideWindow ? WorkspaceTexts.ReplyOutsideWindow : WorkspaceTexts.ReplyNoChannel);
    }

    /// <summary>Translates the worker's message asked for, and those already shown, beside the originals.</summary>
    public async Task<IActionResult> OnPostTranslateAsync(long contactId, string? item, string[]? shown, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(contactId, cancellationToken))
        {
            return NotFound();
        }
        if (!translation.Enabled)
        {
            return Back();
        }
        await ShowTranslationsAsync([.. shown ?? [], item], cancellationToken);
        await audit.WriteAsync(User.Actor(), "conversation_viewed", Subject, null, cancellationToken);
        return Page();
    }

    /// <summary>The caseworker's draft into the worker's language, back in the reply box to check and edit. Nothing is sent.</summary>
    public async Task<IActionResult> OnPostTranslateReplyAsync(
        long contactId, string? text, string? draft, string? language, string? key, string[]? shown, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(contactId, cancellationToken))
        {
            return NotFound();
        }
        if (HeldByOther && !User.IsSupervisor())
        {
            return Back(problem: WorkspaceTexts.ConversationHeldBy(NameOf(CaseworkerSignIn.Actor(Contact.HumanCaseworkerId!.Value))));
        }
        var original = (string.IsNullOrWhiteSpace(draft) ? text : draft)?.Trim();
        if (!translation.Enabled || string.IsNullOrEmpty(original) || original.Length > Case.CaseModel.MaxReply)
        {
            return Back(problem: translation.Enabled ? WorkspaceTexts.ReplyRequired(Case.CaseModel.MaxReply) : null);
        }
        ReplyKey = key is { Length: 32 } ? key : ReplyKey;
        var (result, sent) = await translation.DraftAsync(original, WorkerLanguage, cancellationToken);
        if (sent is not null)
        {
            await audit.WriteAsync(User.Actor(), "conversation_reply_translated", Subject, sent.AuditDetail, cancellationToken);
        }
        Draft = result is Translated.Text translated
            ? new ReplyDraft(translated.Value, WorkerLanguage, original, Unavailable: false)
            : new ReplyDraft(text ?? "", Languages.FromCode(language) ?? WorkerLanguage, string.IsNullOrWhiteSpace(draft) ? null : draft, Unavailable: true);
        await ShowTranslationsAsync(shown ?? [], cancellationToken);
        await audit.WriteAsync(User.Actor(), "conversation_viewed", Subject, null, cancellationToken);
        return Page();
    }

    private async Task ShowTranslationsAsync(IEnumerable<string?> items, CancellationToken cancellationToken)
    {
        var texts = Transcript.Where(l => l.Direction == TranscriptStore.In).ToDictionary(l => PageTranslations.Line(l.Id), l => l.Text);
        var (page, sent) = await translation.ShowAsync(PagePath("Translate"), WorkerLanguage, texts, items, cancellationToken);
        Translations = page;
        if (sent is not null)
        {
            await audit.WriteAsync(User.Actor(), "conversation_translated", Subject, sent.AuditDetail, cancellationToken);
        }
    }

    private string PagePath(string handler) => string.Create(CultureInfo.InvariantCulture, $"{WorkspaceSetup.PathBase}/conversations/{Contact.Id}?handler={handler}");

    private async Task<bool> LoadAsync(long contactId, CancellationToken cancellationToken)
    {
        if (await contacts.FindAsync(contactId, cancellationToken) is not { } contact)
        {
            return false;
        }
        Contact = contact;
        Transcript = await transcript.RecentAsync(contactId, 200, cancellationToken);
        Cases = await cases.ForContactAsync(contactId, cancellationToken);
        Caseworkers = await caseworkers.AllAsync(cancellationToken);
        Window = delivery.WindowFor(contact);
        Translations = translation.None(PagePath("Translate"), WorkerLanguage);
        return true;
    }

    private RedirectResult Back(string? notice = null, string? problem = null)
    {
        TempData["Notice"] = notice;
        TempData["Problem"] = problem;
        return Redirect(string.Create(CultureInfo.InvariantCulture, $"{WorkspaceSetup.PathBase}/conversations/{Contact.Id}"));
    }
}
