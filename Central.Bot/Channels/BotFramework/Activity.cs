using System.Text.Json;
using System.Text.Json.Serialization;

namespace Central.Bot.Channels.BotFramework;

/// <summary>
/// The parts of a Bot Framework Activity the host reads (Activity spec, microsoft/Agents specs/activity). Unknown
/// fields are ignored; a field of the wrong JSON type makes the whole body unreadable (400).
/// </summary>
public sealed record Activity
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public string? Text { get; init; }
    public string? Locale { get; init; }
    /// <summary>The name of an event or invoke.</summary>
    public string? Name { get; init; }
    public IReadOnlyList<ActivityAttachment>? Attachments { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public JsonElement? Value { get; init; }
    public JsonElement? ChannelData { get; init; }
}

public sealed record ChannelAccount(string? Id, string? Name = null);

public sealed record ConversationAccount(string? Id, bool? IsGroup = null, string? ConversationType = null, string? TenantId = null);

public sealed record ActivityAttachment(string? ContentType, string? ContentUrl, string? Name);

/// <summary>
/// The way back to one user in one conversation (the SDK's ConversationReference), kept as the turn's opaque
/// <c>Address</c>. Only the user's id is kept, not their display name: it is not needed to answer.
/// </summary>
public sealed record ConversationReference(
    string ChannelId,
    string ServiceUrl,
    ConversationAccount Conversation,
    ChannelAccount Bot,
    ChannelAccount User,
    string? ActivityId,
    string? Locale)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string ToAddress() => JsonSerializer.Serialize(this, Json);

    public static ConversationReference FromAddress(string address) =>
        JsonSerializer.Deserialize<ConversationReference>(address, Json) ?? throw new JsonException("An address is a conversation reference.");
}

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string Event = "event";
    public const string Invoke = "invoke";
    public const string Typing = "typing";
}
