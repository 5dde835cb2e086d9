using Central.Dialogs.Conversation;
using Central.Dialogs.Conversation.Localization;
using Central.Dialogs.Conversation.Prompts;

namespace Central.Dialogs.Cases.Intake;

/// <summary>What the worker sent for the description: words, files, or Done.</summary>
public sealed record Evidence(string? Text, IReadOnlyList<TurnAttachment> Files, bool Done);

/// <summary>The description in the worker's own words: typed text, a voice note, photos, videos, documents — any of them counts.</summary>
public sealed class EvidencePrompt(string id, Text question, Text retry) : Prompt<Evidence>(id, question, retry)
{
    public const int MaxText = 10_000;

    protected override Recognition<Evidence> Recognize(TurnContext context, PromptOptions options)
    {
        var turn = context.Turn;
        if (turn.Payload == Questions.DonePayload)
        {
            return Recognition<Evidence>.Of(new Evidence(null, [], Done: true));
        }
        // The worker's own words are kept as they wrote them, spaces and all.
        var text = turn.Payload is null && !string.IsNullOrWhiteSpace(turn.Text) ? turn.Text : null;
        if (text is null && turn.Attachments.Count == 0)
        {
            return Recognition<Evidence>.None;
        }
        return Recognition<Evidence>.Of(new Evidence(text is { Length: > MaxText } ? text[..MaxText] : text, turn.Attachments, Done: false));
    }
}
