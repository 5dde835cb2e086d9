using Central.Bot.Translation;
using Central.Dialogs.Conversation.Localization;

namespace Central.Bot.Cases.Workspace.Shared;

/// <summary>
/// The machine translations on one rendering of a case or conversation page: what the worker wrote (the case
/// description, their messages by transcript id) into the caseworker's language, shown beside the original. The
/// workspace has no scripts, so each Translate button is a form that names its item and those already shown; the
/// page is rendered again with all of them (the ones shown before come from the cache and cost nothing).
/// </summary>
public sealed record PageTranslations(bool Enabled, string Action, Language From, Language To, IReadOnlyDictionary<string, Translated> Items)
{
    public const string Description = "description";

    public static PageTranslations Off { get; } = new(false, "", Language.Km, Language.En, new Dictionary<string, Translated>());

    public static string Line(long transcriptId) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"line:{transcriptId}");

    public Translated? For(string item) => Items.GetValueOrDefault(item);

    /// <summary>The items translated on this page, carried by every form on it so that translations stay shown.</summary>
    public IEnumerable<string> Shown => Items.Where(i => i.Value is Translated.Text).Select(i => i.Key);
}

/// <summary>One place on a page where a translation (or its button) goes.</summary>
public sealed record TranslationSpot(PageTranslations Page, string Item);

/// <summary>
/// Worker content or a draft sent to Azure, to be recorded on the case or in the audit trail (a disclosure of personal
/// data to a processor): which items, which way, how many characters — never the text.
/// </summary>
public sealed record Disclosure(IReadOnlyList<string> Items, Language From, Language To, int Characters)
{
    /// <summary>For a case event (encrypted with the case) — the same shape the timeline reads back.</summary>
    public object Details => new { items = Items, from = From.Code(), to = To.Code(), characters = Characters };

    /// <summary>For the audit trail, which is kept in clear: codes and counts only.</summary>
    public string AuditDetail => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{From.Code()}→{To.Code()}, {Items.Count} text(s), {Characters} characters: {string.Join(' ', Items)}");
}

/// <summary>A reply being drafted with a translation: the text for the worker (editable), its language, and the caseworker's own draft.</summary>
public sealed record ReplyDraft(string Text, Language Language, string? Original, bool Unavailable);

/// <summary>
/// Machine translation for caseworkers (issue 8), on top of <see cref="TranslatorClient"/>: worker content into the
/// caseworker's language, and a caseworker's draft into the worker's language for them to check and edit before it
/// is sent. Never used for what the bot itself says: its words about the law are written and reviewed by CENTRAL.
/// </summary>
public sealed class WorkspaceTranslation(TranslatorClient client)
{
    // A page shows at most 200 transcript lines and the description.
    private const int MaxItems = 201;

    public bool Enabled => client.Enabled;

    /// <summary>The caseworker's language: the screen's, or the other one when the worker already writes in it.</summary>
    public static Language ReaderLanguage(Language worker) => Display.Language != worker ? Display.Language : Other(worker);

    /// <summary>The language a caseworker drafts in when the reply is to be translated into the worker's.</summary>
    public static Language DraftLanguage(Language worker) => Other(worker);

    /// <summary>The page with nothing translated yet (buttons only, when translation is on).</summary>
    public PageTranslations None(string action, Language worker) =>
        new(Enabled, action, worker, ReaderLanguage(worker), new Dictionary<string, Translated>());

    /// <summary>Translates the <paramref name="wanted"/> items among <paramref name="texts"/> (item → the worker's words); others are ignored.</summary>
    public async Task<(PageTranslations Page, Disclosure? Sent)> ShowAsync(
        string action, Language worker, IReadOnlyDictionary<string, string> texts, IEnumerable<string?> wanted, CancellationToken cancellationToken)
    {
        var page = None(action, worker);
        if (!Enabled)
        {
            return (page, null);
        }
        var items = new Dictionary<string, Translated>();
        var sent = new List<string>();
        var characters = 0;
        foreach (var item in wanted.OfType<string>().Where(texts.ContainsKey).Distinct(StringComparer.Ordinal).Take(MaxItems))
        {
            var text = texts[item];
            var result = await client.TranslateAsync(text, page.From.Code(), page.To.Code(), cancellationToken);
            items[item] = result;
            if (result is not Translated.Text { FromCache: true })
            {
                // Unavailable counts too: a request that timed out may still have reached Azure.
                sent.Add(item);
                characters += text.Length;
            }
        }
        return (page with { Items = items }, sent.Count == 0 ? null : new Disclosure(sent, page.From, page.To, characters));
    }

    /// <summary>A caseworker's draft in the worker's language, for the caseworker to check and edit.</summary>
    public async Task<(Translated Result, Disclosure? Sent)> DraftAsync(string draft, Language worker, CancellationToken cancellationToken)
    {
        var from = DraftLanguage(worker);
        var result = await client.TranslateAsync(draft, from.Code(), worker.Code(), cancellationToken);
        return (result, result is Translated.Text { FromCache: true } ? null : new Disclosure(["reply-draft"], from, worker, draft.Length));
    }

    private static Language Other(Language language) => language == Language.Km ? Language.En : Language.Km;
}

/// <summary>The reply form of the case and conversation pages, with its "translate my draft" button when translation is on.</summary>
public sealed record ReplyView(string Action, string TranslateAction, string Key, int MaxLength, Language WorkerLanguage, bool CanTranslate, ReplyDraft? Draft, IEnumerable<string> Shown);
