using Central.Dialogs.Conversation.Localization;

namespace Central.Dialogs.Conversation.Prompts;

/// <summary>
/// Pick one of a list, shown as quick replies. Tapping a button, typing its title in either language, or typing its
/// position (1, 2… or ១, ២…) all count. The result is the chosen payload.
/// </summary>
public sealed class ChoicePrompt(string id, Text question, Text retry, params IReadOnlyList<Choice> choices) : Prompt<string>(id, question, retry)
{
    protected override IReadOnlyList<Choice>? DefaultChoices => choices.Count == 0 ? null : choices;

    protected override Recognition<string> Recognize(TurnContext context, PromptOptions options) =>
        Match(context.Turn, options.Choices ?? []) is { } payload ? Recognition<string>.Of(payload) : Recognition<string>.None;

    public static string? Match(Turn turn, IReadOnlyList<Choice> choices)
    {
        if (turn.Payload is { } payload && choices.Any(c => c.Payload == payload))
        {
            return payload;
        }
        var typed = Answers.Normalize(turn.Text);
        if (typed.Length == 0)
        {
            return null;
        }
        foreach (var choice in choices)
        {
            if (typed == Answers.Normalize(choice.Title.Render(Language.Km)) || typed == Answers.Normalize(choice.Title.Render(Language.En))
                || typed == Answers.Normalize(choice.Payload))
            {
                return choice.Payload;
            }
        }
        return int.TryParse(typed, out var position) && position >= 1 && position <= choices.Count ? choices[position - 1].Payload : null;
    }
}
