using Central.Dialogs.Conversation.Localization;

namespace Central.Dialogs.Conversation.Prompts;

/// <summary>A whole number, typed with ASCII or Khmer digits ("៥០", "50 people", "1,200"); buttons may offer common values.</summary>
public sealed class NumberPrompt(string id, Text question, Text retry) : Prompt<long>(id, question, retry)
{
    protected override Recognition<long> Recognize(TurnContext context, PromptOptions options)
    {
        if (ChoicePrompt.Match(context.Turn, options.Choices ?? []) is { } payload && long.TryParse(payload, out var tapped))
        {
            return Recognition<long>.Of(tapped);
        }
        return Answers.FirstNumber(context.Turn.Text) is { } number ? Recognition<long>.Of(number) : Recognition<long>.None;
    }
}
