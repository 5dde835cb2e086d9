using System.Text.Json;
using System.Text.RegularExpressions;
using Central.Bot.Cases.Workspace.Shared;
using Central.Bot.Translation;
using Central.Data.Audit;
using Central.Data.Caseworkers;
using Central.Data.Cases;
using Central.Data.Contacts;
using Central.Dialogs.Conversation.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Central.Bot.Cases.Workspace.Case;

/// <summary>
/// One case: everything reported, evidence, the conversation, the timeline; and the work on it — claim, assign
/// (supervisors), notes, status changes with reasons (the worker is told), referral, replies, taking over the chat;
/// machine translation of what the worker wrote and of a reply's draft, when Translator is configured.
/// Every view is audited; every change, and every text sent to Azure for translation, is a case event.
/// </summary>
public sealed partial class CaseModel(
    CaseStore cases,
    CaseQueries queries,
    ContactStore contacts,
    TranscriptStore transcript,
    CaseworkerStore caseworkers,
    WorkerDelivery delivery,
    WorkspaceTranslation translation,
    AuditLog audit) : PageModel
{
    public const int MaxNote = 4000;
    public const int MaxReply = 4000;
    public const int MaxReason = 1000;
    public const int MaxPartner = 200;

    public CaseRecord Case { get; private set; } = null!;

    public IReadOnlyList<CaseEvent> Events { get; private set; } = [];

    public IReadOnlyList<CaseAttachment> Attachments { get; private set; } = [];

    public IReadOnlyList<QueueRow> Linked { get; private set; } = [];

    public Contact? Contact { get; private set; }

    public IReadOnlyList<TranscriptLine> Transcript { get; private set; } = [];

    public IReadOnlyList<Caseworker> Caseworkers { get; private set; } = [];

    public MessagingWindow Window { get; private set; } = MessagingWindow.Closed;

    /// <summary>A fresh key per reply form (kept while its draft is translated): sending the same form twice sends once.</summary>
    public string ReplyKey { get; private set; } = Guid.NewGuid().ToString("N");

    public PageTranslations Translations { get; private set; } = PageTranslations.Off;

    /// <summary>The reply being drafted with a translation (after "Translate into Khmer"), or null for an empty form.</summary>
    public ReplyDraft? Draft { get; private set; }

    public ReplyView ReplyForm => new(PagePath("Reply"), PagePath("TranslateReply"), ReplyKey, MaxReply, WorkerLanguage, translation.Enabled, Draft, Translations.Shown);

    public bool HasIt => Case.AssignedTo is { } holder && holder == User.CaseworkerId();

    /// <summary>Status changes and replies: the caseworker who has the case, or a supervisor.</summary>
    public bool CanWork => HasIt || User.IsSupervisor();

    public Language WorkerLanguage => Languages.FromCode(Contact?.Language) ?? Languages.FromCode(Case.Language) ?? Language.Km;

    public string NameOf(string actor) => actor switch
    {
        "worker" => WorkspaceTexts.ActorWorker,
        "bot" => WorkspaceTexts.ActorBot,
        "workspace" => WorkspaceTexts.ActorWorkspace,
        _ when actor.StartsWith("caseworker:", StringComparison.Ordinal) && int.TryParse(actor["caseworker:".Length..], out var id) =>
            Caseworkers.FirstOrDefault(c => c.Id == id)?.Name ?? actor,
        _ => actor,
    };

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
        {
            return NotFound();
        }
        await audit.WriteAsync(User.Actor(), "case_viewed", Case.CaseNumber, null, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostClaimAsync(string number, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
        {
            return NotFound();
        }
        var claim = await cases.ClaimAsync(Case.Id, User.CaseworkerId()!.Value, cancellationToken);
        if (!claim.Claimed)
        {
            return Back(problem: claim.HolderId == User.CaseworkerId() ? WorkspaceTexts.AlreadyYours : WorkspaceTexts.ClaimedBy(claim.HolderName ?? "?"));
        }
        var claimed = (await cases.FindAsync(Case.Id, cancellationToken))!;
        if (claimed.Status != Case.Status)
        {
            await delivery.TellStatusAsync(claimed, Contact, claimed.Status, Version(claimed), cancellationToken);
        }
        return Back(notice: WorkspaceTexts.ClaimedByYou);
    }

    public async Task<IActionResult> OnPostAssignAsync(string number, int version, int? caseworkerId, CancellationToken cancellationToken)
    {
        if (!User.IsSupervisor())
        {
            return Forbid();
        }
        if (!await LoadAsync(number, cancellationToken))
        {
            return NotFound();
        }
        if (caseworkerId is { } id && Caseworkers.FirstOrDefault(c => c.Id == id) is not { Disabled: false })
        {
            return Back(problem: WorkspaceTexts.NoSuchCaseworker);
        }
        if (!await cases.AssignAsync(Case.Id, version, caseworkerId, User.Actor(), cancellationToken))
        {
            return Back(problem: WorkspaceTexts.ChangedMeanwhile);
        }
        var assigned = (await cases.FindAsync(Case.Id, cancellationToken))!;
        if (assigned.Status != Case.Status)
        {
            await delivery.TellStatusAsync(assigned, Contact, assigned.Status, Version(assigned), cancellationToken);
        }
        return Back(notice: caseworkerId is null ? WorkspaceTexts.Unassigned : WorkspaceTexts.AssignedTo(assigned.AssignedName ?? "?"));
    }

    public async Task<IActionResult> OnPostNoteAsync(string number, string? text, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
        {
            return NotFound();
        }
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxNote)
        {
            return Back(problem: WorkspaceTexts.NoteRequired(MaxNote));
        }
        await cases.AddEventAsync(Case.Id, User.Actor(), "note", new { text }, cancellationToken);
        return Back(notice: WorkspaceTexts.NoteAdded);
    }

    public async Task<IActionResult> OnPostStatusAsync(string number, int version, string? status, string? reason, string? partner, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
        {
            return NotFound();
        }
        if (!CanWork)
        {
            return Back(problem: WorkspaceTexts.ClaimFirst);
        }
        reason = reason?.Trim();
        partner = partner?.Trim();
        if (status is null || status == CaseStatus.New || !CaseStatus.All.Contains(status) || status == Case.Status)
        {
            return Back(problem: WorkspaceTexts.ChooseNewStatus);
        }
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReason)
        {
            return Back(problem: WorkspaceTexts.ReasonRequired(MaxReason));
        }
        if (status == CaseStatus.Referred && (string.IsNullOrEmpty(partner) || partner.Length > MaxPartner))
        {
            return Back(problem: WorkspaceTexts.PartnerRequired);
        }
        if (!await cases.ChangeStatusAsync(Case.Id, version, status, reason, User.Actor(), cancellationToken))
        {
            return Back(problem: WorkspaceTexts.ChangedMeanwhile);
        }
        if (status == CaseStatus.Referred)
        {
            await cases.AddEventAsync(Case.Id, User.Actor(), "referral", new { partner, reason }, cancellationToken);
        }
        var changed = (await cases.FindAsync(Case.Id, cancellationToken))!;
        var told = await delivery.TellStatusAsync(changed, Contact, status, Version(changed), cancellationToken);
        return Back(notice: told switch
        {
            UpdateOutcome.Sent => WorkspaceTexts.StatusChangedWorkerTold(Display.Status(status)),
            UpdateOutcome.Held => WorkspaceTexts.StatusChangedWorkerHeld(Display.Status(status)),
            _ => WorkspaceTexts.StatusChangedNoContact(Display.Status(status)),
        });
    }

    public async Task<IActionResult> OnPostReplyAsync(string number, string? text, string? language, string? key, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
        {
            return NotFound();
        }
        if (!CanWork)
        {
            return Back(problem: WorkspaceTexts.ClaimFirst);
        }
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxReply)
        {
            return Back(problem: WorkspaceTexts.ReplyRequired(MaxReply));
        }
        var chosen = Languages.FromCode(language) ?? WorkerLanguage;
        var message = WorkerTexts.FromCaseworker(chosen, text);
        var outcome = await delivery.ReplyAsync(Contact, message, User.Actor(), KeyOrNew(key), cancellationToken);
        if (outcome == ReplyOutcome.Queued)
        {
            await cases.AddEventAsync(Case.Id, User.Actor(), "reply", new { language = chosen.Code(), text }, cancellationToken);
        }
        if (outcome is ReplyOutcome.Queued or ReplyOutcome.AlreadyQueued)
        {
            return Back(notice: WorkspaceTexts.ReplySent);
        }
        return Back(problem: outcome == ReplyOutcome.OutsideWindow ? WorkspaceTexts.ReplyOutsideWindow : WorkspaceTexts.ReplyNoChannel);
    }

    public async Task<IActionResult> OnPostTakeOverAsync(string number, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
        {
            return NotFound();
        }
        if (Contact is null)
        {
            return Back(problem: WorkspaceTexts.ReplyNoChannel);
        }
        if (Contact.HumanCaseworkerId is { } holder && holder != User.CaseworkerId() && !User.IsSupervisor())
        {
            return Back(problem: WorkspaceTexts.ConversationHeldBy(NameOf(CaseworkerSignIn.Actor(holder))));
        }
        await contacts.TakeOverAsync(Contact.Id, User.CaseworkerId()!.Value, cancellationToken);
        await cases.AddEventAsync(Case.Id, User.Actor(), "taken_over", null, cancellationToken);
        return Back(notice: WorkspaceTexts.TookOver);
    }

    public async Task<IActionResult> OnPostHandBackAsync(string number, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
        {
            return NotFound();
        }
        if (Contact is null)
        {
            return Back(problem: WorkspaceTexts.ReplyNoChannel);
        }
        await contacts.HandBackAsync(Contact.Id, cancellationToken);
        await cases.AddEventAsync(Case.Id, User.Actor(), "handed_back", null, cancellationToken);
        return Back(notice: WorkspaceTexts.HandedBack);
    }

    /// <summary>
    /// Translates the worker's words asked for (<paramref name="item"/>: the description or a message) and those
    /// already shown, and renders the page again with them beside the originals.
    /// </summary>
    public async Task<IActionResult> OnPostTranslateAsync(string number, string? item, string[]? shown, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
        {
            return NotFound();
        }
        if (!translation.Enabled)
        {
            return Back();
        }
        await ShowTranslationsAsync([.. shown ?? [], item], cancellationToken);
        await audit.WriteAsync(User.Actor(), "case_viewed", Case.CaseNumber, null, cancellationToken);
        return Page();
    }

    /// <summary>
    /// The caseworker's draft (the reply box, or the draft box once translated) into the worker's language: the page
    /// comes back with the translation in the reply box to check and edit, and the draft beside it. Nothing is sent.
    /// </summary>
    public async Task<IActionResult> OnPostTranslateReplyAsync(
        string number, string? text, string? draft, string? language, string? key, string[]? shown, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
        {
            return NotFound();
        }
        if (!CanWork)
        {
            return Back(problem: WorkspaceTexts.ClaimFirst);
        }
        var original = (string.IsNullOrWhiteSpace(draft) ? text : draft)?.Trim();
        if (!translation.Enabled || string.IsNullOrEmpty(original) || original.Length > MaxReply)
        {
            return Back(problem: translation.Enabled ? WorkspaceTexts.ReplyRequired(MaxReply) : null);
        }
        ReplyKey = KeyOrNew(key);
        var (result, sent) = await translation.DraftAsync(original, WorkerLanguage, cancellationToken);
        if (sent is not null)
        {
            await cases.AddEventAsync(Case.Id, User.Actor(), "reply_translated", sent.Details, cancellationToken);
            Events = await cases.EventsAsync(Case.Id, cancellationToken);
        }
        Draft = result is Translated.Text translated
            ? new ReplyDraft(translated.Value, WorkerLanguage, original, Unavailable: false)
            : new ReplyDraft(text ?? "", Languages.FromCode(language) ?? WorkerLanguage, string.IsNullOrWhiteSpace(draft) ? null : draft, Unavailable: true);
        await ShowTranslationsAsync(shown ?? [], cancellationToken);
        await audit.WriteAsync(User.Actor(), "case_viewed", Case.CaseNumber, null, cancellationToken);
        return Page();
    }

    /// <summary>A timeline entry in words: what happened, and its details (the note, the reason, the reply).</summary>
    public (string Action, string? Detail) Describe(CaseEvent entry)
    {
        using var after = entry.After is null ? null : JsonDocument.Parse(entry.After);
        using var before = entry.Before is null ? null : JsonDocument.Parse(entry.Before);
        string? Field(JsonDocument? document, string name) =>
            document?.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value)
                ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ValueKind == JsonValueKind.Null ? null : value.GetRawText()
                : null;
        string Caseworker(string? id) => id is null ? WorkspaceTexts.Unassigned : NameOf("caseworker:" + id);
        return entry.Action switch
        {
            "opened" => (WorkspaceTexts.EventOpened, null),
            "claimed" => (WorkspaceTexts.EventClaimed, null),
            "assigned" => (WorkspaceTexts.EventAssigned, $"{Caseworker(Field(before, "caseworkerId"))} → {Caseworker(Field(after, "caseworkerId"))}"),
            "status" => (WorkspaceTexts.EventStatus,
                $"{Display.Status(Field(before, "status") ?? "")} → {Display.Status(Field(after, "status") ?? "")}: {Field(after, "reason")}"),
            "note" => (WorkspaceTexts.EventNote, Field(after, "text")),
            "reply" => (WorkspaceTexts.EventReply, Field(after, "text")),
            "referral" => (WorkspaceTexts.EventReferral, Field(after, "partner")),
            "evidence_added" => (WorkspaceTexts.EventEvidence, Field(after, "ContentType") ?? Field(after, "Kind")),
            "taken_over" => (WorkspaceTexts.EventTakenOver, null),
            "handed_back" => (WorkspaceTexts.EventHandedBack, null),
            "translated" => (WorkspaceTexts.EventTranslated, TranslationDetail(after)),
            "reply_translated" => (WorkspaceTexts.EventReplyTranslated, TranslationDetail(after)),
            _ => (entry.Action, entry.After),
        };
    }

    private async Task<bool> LoadAsync(string number, CancellationToken cancellationToken)
    {
        if (!CaseNumber().IsMatch(number) || await cases.FindAsync(number, cancellationToken) is not { } found)
        {
            return false;
        }
        Case = found;
        Events = await cases.EventsAsync(found.Id, cancellationToken);
        Attachments = await cases.AttachmentsAsync(found.Id, cancellationToken);
        Linked = found.EmployerKey is null ? [] : await queries.LinkedAsync(found.Id, cancellationToken);
        Caseworkers = await caseworkers.AllAsync(cancellationToken);
        if (found.ContactId is { } contactId && await contacts.FindAsync(contactId, cancellationToken) is { } contact)
        {
            Contact = contact;
            Transcript = await transcript.RecentAsync(contactId, 200, cancellationToken);
            Window = delivery.WindowFor(contact);
        }
        Translations = translation.None(PagePath("Translate"), WorkerLanguage);
        return true;
    }

    /// <summary>What of the worker's own words may be translated on this page: the description and their messages.</summary>
    private Dictionary<string, string> Translatable()
    {
        var texts = Transcript.Where(l => l.Direction == TranscriptStore.In).ToDictionary(l => PageTranslations.Line(l.Id), l => l.Text);
        if (!string.IsNullOrWhiteSpace(Case.Description))
        {
            texts[PageTranslations.Description] = Case.Description;
        }
        return texts;
    }

    private async Task ShowTranslationsAsync(IEnumerable<string?> items, CancellationToken cancellationToken)
    {
        var (page, sent) = await translation.ShowAsync(PagePath("Translate"), WorkerLanguage, Translatable(), items, cancellationToken);
        Translations = page;
        if (sent is not null)
        {
            await cases.AddEventAsync(Case.Id, User.Actor(), "translated", sent.Details, cancellationToken);
            Events = await cases.EventsAsync(Case.Id, cancellationToken);
        }
    }

    private static string? TranslationDetail(JsonDocument? details)
    {
        if (details?.RootElement is not { ValueKind: JsonValueKind.Object } root
            || !root.TryGetProperty("from", out var from) || !root.TryGetProperty("to", out var to) || !root.TryGetProperty("characters", out var characters))
        {
            return null;
        }
        return WorkspaceTexts.TranslationDetail(Display.LanguageName(from.GetString()), Display.LanguageName(to.GetString()), characters.GetInt32());
    }

    private string PagePath(string handler) => $"{WorkspaceSetup.PathBase}/cases/{Case.CaseNumber}?handler={handler}";

    private RedirectResult Back(string? notice = null, string? problem = null)
    {
        TempData["Notice"] = notice;
        TempData["Problem"] = problem;
        return Redirect($"{WorkspaceSetup.PathBase}/cases/{Case.CaseNumber}");
    }

    private static string Version(CaseRecord record) => record.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string KeyOrNew(string? key) => key is { Length: 32 } && key.All(char.IsAsciiHexDigitLower) ? key : Guid.NewGuid().ToString("N");

    [GeneratedRegex(@"^C-\d{4}-\d{5,9}$", RegexOptions.CultureInvariant)]
    private static partial Regex CaseNumber();
}
