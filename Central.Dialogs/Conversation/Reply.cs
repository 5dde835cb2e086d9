using Central.Dialogs.Conversation.Localization;

namespace Central.Dialogs.Conversation;

/// <summary>A button the worker can tap; <see cref="Payload"/> comes back in the next turn.</summary>
public sealed record Choice(string Payload, Text Title);

/// <summary>Something the bot says in a turn, still as text references (rendered at the end of the turn).</summary>
public sealed record Reply(Text Body, IReadOnlyList<Choice> Choices);

/// <summary>A reply as it goes to a channel: text in the worker's language and buttons with their titles.</summary>
public sealed record OutgoingMessage(string Text, IReadOnlyList<QuickReply> QuickReplies);

public sealed record QuickReply(string Title, string Payload);
