using Central.Dialogs.Conversation;
using Central.Dialogs.Conversation.Localization;
using Central.Dialogs.Conversation.Menu;
using Central.Dialogs.Conversation.Prompts;
using Central.Dialogs.Knowledge.Calculators;

namespace Central.Dialogs.Knowledge;

/// <summary>
/// For workers who prefer to tap: topics → questions → answer, in the worker's language. Lists longer than a
/// Messenger quick-reply row are shown a page at a time; each list is also in the text, numbered, with the full
/// titles (buttons cut them at 20 characters), and typing a number works. Typing a question instead asks it.
/// </summary>
public sealed class BrowseDialog(KnowledgeBase knowledge) : Dialog(MainMenu.Browse)
{
    public const string TopicPrefix = "TOPIC:";
    public const string CalculatorsTopic = "calculators";
    private const string MorePayload = "BROWSE:MORE";
    private const string BackPayload = "BROWSE:BACK";
    private const int PageSize = 10;

    public override Task<DialogTurnResult> BeginAsync(DialogContext dialogs, object? options)
    {
        var state = new BrowseState();
        DialogContext.Write(dialogs.Active!, state);
        Show(dialogs.Context, state);
        return Task.FromResult(new DialogTurnResult(DialogTurnStatus.Waiting));
    }

    public override async Task<DialogTurnResult> ContinueAsync(DialogContext dialogs)
    {
        var instance = dialogs.Active!;
        var state = DialogContext.Read<BrowseState>(instance) ?? new BrowseState();
        var turn = dialogs.Context.Turn;
        var items = Items(state);
        if (turn.Payload == MorePayload)
        {
            state.Page = (state.Page + 1) * PageSize >= items.Count ? 0 : state.Page + 1;
        }
        else if (turn.Payload == BackPayload)
        {
            state.Topic = null;
            state.Page = 0;
        }
        else if (Pick(turn, items) is { } picked)
        {
            if (picked.StartsWith(TopicPrefix, StringComparison.Ordinal))
            {
                state.Topic = picked[TopicPrefix.Length..];
                state.Page = 0;
            }
            else
            {
                // An entry or a calculator: the answer dialog shows it (or starts the calculator).
                return await dialogs.ReplaceDialogAsync(MainMenu.Answer, turn with { Payload = picked });
            }
        }
        else if (turn.Payload?.StartsWith("MENU:", StringComparison.Ordinal) == true)
        {
            // A main-menu button from an earlier message: the menu routes it.
            await dialogs.EndDialogAsync();
            return await dialogs.ContinueDialogAsync();
        }
        else
        {
            // Not one of the buttons: a question typed while browsing, or an answer's button from an earlier message.
            return await dialogs.ReplaceDialogAsync(MainMenu.Answer, turn);
        }
        DialogContext.Write(instance, state);
        Show(dialogs.Context, state);
        return new(DialogTurnStatus.Waiting);
    }

    public override Task RepromptAsync(DialogContext dialogs, DialogInstance instance)
    {
        Show(dialogs.Context, DialogContext.Read<BrowseState>(instance) ?? new BrowseState());
        return Task.CompletedTask;
    }

    private void Show(TurnContext context, BrowseState state)
    {
        var items = Items(state);
        var heading = state.Topic is null ? KnowledgeTexts.ChooseTopic
            : state.Topic == CalculatorsTopic ? KnowledgeTexts.ChooseCalculator
            : KnowledgeTexts.ChooseQuestion;
        string In(Language language) => heading.Render(language) + "\n"
            + string.Join("\n", items.Select((item, i) => $"{KhmerDigits.Number(i + 1, language)}. {item.Title.Render(language)}"));
        var buttons = items.Count > 13 ? [.. items.Skip(state.Page * PageSize).Take(PageSize), new Choice(MorePayload, PromptTexts.More)] : items.ToList();
        if (state.Topic is not null)
        {
            buttons.Add(new Choice(BackPayload, KnowledgeTexts.Topics));
        }
        context.Say(Text.Bilingual(In(Language.Km), In(Language.En)), buttons);
    }

    private List<Choice> Items(BrowseState state)
    {
        var content = knowledge.Content;
        if (state.Topic is null)
        {
            return [.. content.Topics.Select(t => new Choice(TopicPrefix + t.Id, t.Title.AsText())), new Choice(TopicPrefix + CalculatorsTopic, KnowledgeTexts.Calculators)];
        }
        if (state.Topic == CalculatorsTopic)
        {
            return [.. Calculator.All.Select(c => new Choice(c.Payload, c.Title))];
        }
        var topic = content.Topics.FirstOrDefault(t => t.Id == state.Topic);
        return topic is null ? [] : [.. topic.EntryIds.Select(content.Find).OfType<KnowledgeEntry>().Select(e => new Choice(AnswerMessage.PayloadOf(e.Id), e.Title.AsText()))];
    }

    private static string? Pick(Turn turn, List<Choice> items)
    {
        if (turn.Payload is { } payload)
        {
            return items.Any(i => i.Payload == payload) ? payload : null;
        }
        return ChoicePrompt.Match(turn, items);
    }

    private sealed class BrowseState
    {
        public string? Topic { get; set; }
        public int Page { get; set; }
    }
}
