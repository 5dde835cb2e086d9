using Central.Dialogs.Conversation;
using Central.Dialogs.Conversation.Localization;
using Central.Dialogs.Conversation.Menu;

namespace Central.Dialogs.Knowledge;

/// <summary>
/// How an entry reaches the worker: its answer in their language, a footer with the legal basis and the review date,
/// split into Messenger-sized messages only when it does not fit in one, and its follow-ups as buttons.
/// </summary>
public static class AnswerMessage
{
    public const string EntryPayloadPrefix = "KB:";
    public const string NonePayload = "KB:none";

    public static string PayloadOf(string entryId) => EntryPayloadPrefix + entryId;

    public static string? EntryIdOf(string? payload) =>
        payload is not null && payload.StartsWith(EntryPayloadPrefix, StringComparison.Ordinal) ? payload[EntryPayloadPrefix.Length..] : null;

    /// <summary>The answer with its footer, as one text in <paramref name="language"/>.</summary>
    public static string Compose(Bilingual answer, Bilingual basis, DateOnly reviewed, Language language) =>
        answer.In(language).TrimEnd() + "\n\n" + Footer(basis, reviewed).Render(language);

    public static Text Footer(Bilingual basis, DateOnly reviewed) => KnowledgeTexts.Footer(basis.AsText(), Date(reviewed));

    /// <summary>"1 December 2026" / "១ ធ្នូ ២០២៦": Khmer digits and Khmer month names, as the content writes dates.</summary>
    public static Text Date(DateOnly date)
    {
        string Format(Language language)
        {
            var months = KnowledgeTexts.Months.Render(language).Split(',');
            return $"{KhmerDigits.Number(date.Day, language)} {months[date.Month - 1]} {KhmerDigits.Number(date.Year, language)}";
        }
        return Text.Bilingual(Format(Language.Km), Format(Language.En));
    }

    /// <summary>
    /// Says the entry: one message if it fits (it does for every valid entry), more only where needed.
    /// <paramref name="runnerUp"/> is the entry search ranked next, when the answer did not clearly lead it.
    /// </summary>
    public static void Say(TurnContext context, KnowledgeEntry entry, KnowledgeContent content, KnowledgeEntry? runnerUp = null)
    {
        var text = Compose(entry.Answer, entry.Basis, entry.Reviewed, context.Language);
        var parts = KhmerText.Split(text, KnowledgeContent.MaxMessage);
        for (var i = 0; i < parts.Count; i++)
        {
            context.Say(Text.Verbatim(parts[i]), i == parts.Count - 1 ? Buttons(entry, content, runnerUp) : []);
        }
    }

    /// <summary>
    /// The entry's follow-ups as buttons. An entry that offers `report` shows it first: that is how a worker reading
    /// about a problem reaches the complaint intake. A calculator for the entry's rule comes next, then the runner-up
    /// of a typed question when the entry does not already lead to it: the answer may have missed what was meant.
    /// </summary>
    public static IReadOnlyList<Choice> Buttons(KnowledgeEntry entry, KnowledgeContent content, KnowledgeEntry? runnerUp = null)
    {
        var buttons = new List<Choice>();
        if (entry.FollowUps.Contains(KnowledgeEntry.Report))
        {
            buttons.Add(new Choice(MainMenu.ReportPayload, MenuTexts.Report));
        }
        buttons.AddRange(Calculators.Calculator.For(entry.Id).Select(c => new Choice(c.Payload, c.Title)));
        if (runnerUp is not null && runnerUp.Id != entry.Id && !entry.FollowUps.Contains(runnerUp.Id))
        {
            buttons.Add(new Choice(PayloadOf(runnerUp.Id), runnerUp.Title.AsText()));
        }
        foreach (var followUp in entry.FollowUps)
        {
            if (followUp == KnowledgeEntry.Person)
            {
                buttons.Add(new Choice(GlobalCommands.PersonPayload, MenuTexts.Person));
            }
            else if (followUp == KnowledgeEntry.DeleteData)
            {
                buttons.Add(new Choice(GlobalCommands.DeletePayload, MenuTexts.DeleteMyData));
            }
            else if (followUp != KnowledgeEntry.Report && content.Find(followUp) is { } other)
            {
                buttons.Add(new Choice(PayloadOf(other.Id), other.Title.AsText()));
            }
        }
        buttons.Add(new Choice(GlobalCommands.MenuPayload, MenuTexts.Menu));
        return buttons;
    }
}
