using Central.Dialogs.Conversation;

namespace Central.Bot.Messaging;

/// <summary>Why a message goes out, which decides what a channel's rules allow (Messenger's 24-hour window, tags).</summary>
public enum Purpose
{
    /// <summary>The bot answering what the worker just wrote.</summary>
    Reply,
    /// <summary>News the worker did not ask for just now (a case status change).</summary>
    Update,
    /// <summary>A caseworker writing to the worker.</summary>
    Human,
}

/// <summary>What to deliver, to whom, and what the channel needs to know to follow its rules.</summary>
public sealed record Delivery(string Address, OutgoingMessage Message, Purpose Purpose, DateTimeOffset? LastInboundAt, string? ReplyToId = null);

public abstract record SendResult
{
    public sealed record Sent : SendResult;

    /// <summary>A passing failure (5xx, timeout, rate limit): try again, after <see cref="After"/> if the channel said so.</summary>
    public sealed record Retry(string Reason, TimeSpan? After = null) : SendResult;

    /// <summary>A permanent failure: never retried; <see cref="Kind"/> says which (outside_window, user_unavailable, bad_token…).</summary>
    public sealed record Failed(string Kind, string Reason) : SendResult;

    public static readonly SendResult Ok = new Sent();
}

/// <summary>
/// A way back to workers: Messenger's Send API, the Bot Connector, the try-it page. <see cref="Prepare"/> turns a
/// delivery into the calls the channel needs (long text is split there), each queued in the outbox and sent by
/// <see cref="SendAsync"/> at most once; a channel that can carry the outbox key through (Messenger's message
/// metadata, echoed back) lets a send that was in flight when an instance died be confirmed instead of repeated.
/// </summary>
public interface IReplyChannel
{
    string Name { get; }

    IReadOnlyList<string> Prepare(Delivery delivery);

    Task<SendResult> SendAsync(string payload, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Best effort: shows "typing…" while a slow turn is being worked out.</summary>
    Task SendTypingAsync(string address, CancellationToken cancellationToken);
}

public sealed class ReplyChannels(IEnumerable<IReplyChannel> channels)
{
    private readonly Dictionary<string, IReplyChannel> _byName = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public IReplyChannel? Find(string name) => _byName.GetValueOrDefault(name);
}
