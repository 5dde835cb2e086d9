using System.Text.Json.Serialization;

namespace Central.Dialogs.Conversation;

/// <summary>What started this turn: a message (text, a tapped button, files), the Get Started button or a newly
/// opened conversation, or a referral (an m.me link or QR code) with nothing else.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TurnKind>))]
public enum TurnKind { Message, Start, Referral }

/// <summary>
/// One inbound message, independent of the channel it came through. <see cref="Id"/> is the channel's message id
/// (with the channel's name), so a turn processed twice is recognised. <see cref="Address"/> is opaque to the
/// conversation core: the channel's own way back to this user (a PSID, a Bot Framework conversation reference).
/// </summary>
public sealed record Turn
{
    public required string Id { get; init; }
    public required string Channel { get; init; }
    public required string UserId { get; init; }
    public required string Address { get; init; }
    public TurnKind Kind { get; init; } = TurnKind.Message;
    public string? Text { get; init; }
    public string? Payload { get; init; }
    public IReadOnlyList<TurnAttachment> Attachments { get; init; } = [];
    public string? Referral { get; init; }
    public string? Locale { get; init; }
    public DateTimeOffset Timestamp { get; init; }
}

/// <summary>A file or place the worker sent. <see cref="Url"/> from Messenger expires: fetch it while it works.</summary>
public sealed record TurnAttachment(string Kind, string? Url, string? ContentType = null, string? Name = null, double? Latitude = null, double? Longitude = null)
{
    public const string Image = "image";
    public const string Video = "video";
    public const string Audio = "audio";
    public const string File = "file";
    public const string Location = "location";
}
