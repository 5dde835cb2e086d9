using Central.Dialogs.Conversation.Localization;

namespace Central.Dialogs.Conversation.Prompts;

/// <summary>
/// Photos, videos, voice notes, documents or a location. A button (Skip, Done) ends it with no files: the result is
/// then an empty list.
/// </summary>
public sealed class AttachmentPrompt(string id, Text question, Text retry) : Prompt<IReadOnlyList<TurnAttachment>>(id, question, retry)
{
    protected override Recognition<IReadOnlyList<TurnAttachment>> Recognize(TurnContext context, PromptOptions options)
    {
        if (context.Turn.Attachments.Count > 0)
        {
            return Recognition<IReadOnlyList<TurnAttachment>>.Of(context.Turn.Attachments);
        }
        return ChoicePrompt.Match(context.Turn, options.Choices ?? []) is not null
            ? Recognition<IReadOnlyList<TurnAttachment>>.Of([])
            : Recognition<IReadOnlyList<TurnAttachment>>.None;
    }
}
