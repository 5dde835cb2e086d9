using Central.Dialogs.Conversation.Localization;

namespace Central.Dialogs.Conversation.Prompts;

/// <summary>
/// Free text. Buttons may be offered beside it (Skip, I don't know): tapping one gives its payload instead of text.
/// </summary>
public sealed class TextPrompt(string id, Text question, Text retry) : Prompt<string>(id, question, retry)
{
    public int MaxLength { get; init; } = 2000;

    protected override Recognition<string> Recognize(TurnContext context, PromptOptions options)
    {
        if (ChoicePrompt.Match(context.Turn, options.Choices ?? []) is { } payload)
        {
            return Recognition<string>.Of(payload);
        }
        if (context.Turn.Payload is not null)
        {
            // A button from an earlier message is not an answer typed for this question.
            return Recognition<string>.None;
        }
        var text = context.Turn.Text?.Trim();
        return string.IsNullOrEmpty(text) || text.Length > MaxLength ? Recognition<string>.None : Recognition<string>.Of(text);
    }
}
