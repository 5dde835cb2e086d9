using Central.Dialogs.Conversation;
using Central.Dialogs.Conversation.Localization;
using Central.Dialogs.Conversation.Menu;
using Central.Dialogs.Conversation.Prompts;
using Central.Dialogs.Knowledge.Calculators;
using Central.Dialogs.Knowledge.Search;
using Microsoft.Extensions.Logging;

namespace Central.Dialogs.Knowledge;

/// <summary>
/// A worker's question (typed, or a tapped KB:&lt;id&gt; button) answered from the reviewed content: the one clear
/// answer, a choice between two or three close ones, or an honest "I don't know" with a way to a person. It never
/// answers a legal question from an entry that does not clearly match. A CALC: payload starts that calculator.
/// </summary>
public sealed partial class AnswerDialog(KnowledgeBase knowledge, ILogger<AnswerDialog> logger) : Dialog(MainMenu.Answer)
{
    public override Task<DialogTurnResult> BeginAsync(DialogContext dialogs, object? options)
    {
        var context = dialogs.Context;
        var turn = options as Turn ?? context.Turn;
        var snapshot = knowledge.Current;
        if (Calculator.OfPayload(turn.Payload) is { } calculator)
        {
            return dialogs.ReplaceDialogAsync(calculator.DialogId);
        }
        if (turn.Payload == AnswerMessage.NonePayload)
        {
            DontKnow(context);
        }
        else if (AnswerMessage.EntryIdOf(turn.Payload) is { } id)
        {
            if (snapshot.Content.Find(id) is { } entry)
            {
                AnswerMessage.Say(context, entry, snapshot.Content);
            }
            else
            {
                context.Say(KnowledgeTexts.NotAvailable);
                DontKnow(context);
            }
        }
        else if (IsGreeting(turn.Text))
        {
            // "សួស្តី បង", "hello sir": a greeting with a polite word is not a question.
            MainMenu.ShowMenu(context);
        }
        else if (!string.IsNullOrWhiteSpace(turn.Text))
        {
            Answer(context, snapshot, turn.Text);
        }
        else
        {
            MainMenu.ShowMenu(context);
        }
        return dialogs.EndDialogAsync();
    }

    private void Answer(TurnContext context, KnowledgeSnapshot snapshot, string question)
    {
        var result = snapshot.Index.Search(question);
        switch (result.Outcome)
        {
            case SearchOutcome.Answer:
                var entry = snapshot.Content.Find(result.Candidates[0].EntryId)!;
                Log.Answered(logger, entry.Id, result.Candidates[0].Score);
                AnswerMessage.Say(context, entry, snapshot.Content, result.RunnerUp is { } next ? snapshot.Content.Find(next.EntryId) : null);
                break;
            case SearchOutcome.Choose:
                var entries = result.Candidates.Select(c => snapshot.Content.Find(c.EntryId)!).ToList();
                Log.Choosing(logger, string.Join(",", entries.Select(e => e.Id)));
                context.Say(WhichOne(entries), [.. entries.Select(e => new Choice(AnswerMessage.PayloadOf(e.Id), e.Title.AsText())),
                    new Choice(AnswerMessage.NonePayload, KnowledgeTexts.NoneOfThese)]);
                break;
            default:
                Log.NotAnswered(logger, result.Candidates.FirstOrDefault()?.Score ?? 0);
                DontKnow(context);
                break;
        }
    }

    private static readonly HashSet<string> PoliteWords = ["បង", "ប្អូន", "បាទ", "ចាស", "លោក", "អ្នក", "អ្នកគ្រូ", "ផង", "bong", "sir", "madam", "there", "all", "everyone"];

    private static bool IsGreeting(string? text)
    {
        var words = Answers.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !PoliteWords.Contains(w.Trim('!', '.', ',', '?', '។'))).ToList();
        return words.Count > 0 && MainMenu.IsGreeting(string.Join(' ', words));
    }

    /// <summary>"Which one do you mean?" with the full titles numbered: buttons cut titles at 20 characters.</summary>
    private static Text WhichOne(IReadOnlyList<KnowledgeEntry> entries)
    {
        string In(Language language) => KnowledgeTexts.WhichOne.Render(language) + "\n"
            + string.Join("\n", entries.Select((e, i) => $"{KhmerDigits.Number(i + 1, language)}. {e.Title.In(language)}"));
        return Text.Bilingual(In(Language.Km), In(Language.En));
    }

    public static void DontKnow(TurnContext context) => context.Say(KnowledgeTexts.DontKnow,
        new Choice(GlobalCommands.PersonPayload, MenuTexts.Person),
        new Choice(MainMenu.ReportPayload, MenuTexts.Report),
        new Choice(MainMenu.AskPayload, KnowledgeTexts.Topics),
        new Choice(GlobalCommands.MenuPayload, MenuTexts.Menu));

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Question answered with {EntryId} (score {Score:F2})")]
        public static partial void Answered(ILogger logger, string entryId, double score);

        [LoggerMessage(Level = LogLevel.Information, Message = "Question close to several entries, asked which: {EntryIds}")]
        public static partial void Choosing(ILogger logger, string entryIds);

        [LoggerMessage(Level = LogLevel.Information, Message = "Question not answered: no entry matched well enough (best score {Score:F2})")]
        public static partial void NotAnswered(ILogger logger, double score);
    }
}
