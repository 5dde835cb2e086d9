using Central.Data.Contacts;
using Central.Dialogs.Conversation.Localization;

namespace Central.Dialogs.Conversation;

/// <summary>
/// What is saved for a conversation between turns (encrypted, ETag-guarded). The last turn's id and rendered
/// replies are kept so that a turn processed again after a crash gives the same replies instead of running twice.
/// </summary>
public sealed class ConversationState
{
    public Language? Language { get; set; }

    public bool Welcomed { get; set; }

    public List<DialogInstance> Stack { get; set; } = [];

    /// <summary>Half-finished work that outlives the dialog stack (a report left for the menu), by feature.</summary>
    public Dictionary<string, System.Text.Json.Nodes.JsonNode> Drafts { get; set; } = [];

    public string? LastTurnId { get; set; }

    public List<OutgoingMessage> LastReplies { get; set; } = [];
}

/// <summary>
/// The replies of one turn; <see cref="Replayed"/> when the turn had already been processed. <see cref="Transcript"/>
/// is what the turn adds to the worker's transcript: written by whoever completes the turn, in the same transaction
/// that queues the replies, so a turn replayed after a crash is written once.
/// </summary>
public sealed record TurnOutcome(IReadOnlyList<OutgoingMessage> Replies, bool Replayed, long ContactId, IReadOnlyList<TranscriptEntry> Transcript);
