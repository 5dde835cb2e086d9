using System.ComponentModel.DataAnnotations;

namespace Central.Bot.Messaging;

/// <summary>How the inbox and outbox workers run (section <c>Messaging</c>).</summary>
public sealed class MessagingOptions
{
    /// <summary>Turns processed at once by this instance (each for a different worker).</summary>
    [Range(1, 256)]
    public int InboxConcurrency { get; set; } = 16;

    /// <summary>Sends in flight at once from this instance (each to a different worker).</summary>
    [Range(1, 256)]
    public int OutboxConcurrency { get; set; } = 16;

    /// <summary>How long a claim lasts; a crashed instance's messages are taken up by another after this.</summary>
    [Range(2, 3600)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>How often to look for work queued by other instances or due for a retry.</summary>
    [Range(10, 60_000)]
    public int PollMilliseconds { get; set; } = 500;

    /// <summary>A turn still thinking after this long shows "typing…".</summary>
    [Range(0, 60_000)]
    public int TypingAfterMilliseconds { get; set; } = 1000;

    /// <summary>A message whose turn fails this many times is set aside so the worker's next ones are not held up.</summary>
    [Range(1, 100)]
    public int MaxTurnAttempts { get; set; } = 5;

    /// <summary>A reply that could not be sent for this long (an outage) is given up and shown as failed.</summary>
    [Range(1, 24 * 30)]
    public int GiveUpAfterHours { get; set; } = 48;

    /// <summary>The first retry's wait; each next one doubles it, up to five minutes.</summary>
    [Range(1, 60_000)]
    public int RetryBaseMilliseconds { get; set; } = 1000;

    /// <summary>How long a send that was in flight when its instance died waits for the channel's echo before it is sent again.</summary>
    [Range(1, 3600)]
    public int EchoGraceSeconds { get; set; } = 20;

    /// <summary>The longest wait between retries, so messages go out soon after an outage ends.</summary>
    [Range(1, 3600)]
    public int MaxRetryDelaySeconds { get; set; } = 60;

    /// <summary>Messages one sender may send at once before the rest are dropped (a person never needs more).</summary>
    [Range(1, 10_000)]
    public int SenderBurst { get; set; } = 40;

    /// <summary>How fast a sender's allowance comes back, in messages per minute.</summary>
    [Range(1, 10_000)]
    public int SenderPerMinute { get; set; } = 30;

    /// <summary>Days a processed inbound message or a sent reply is kept (they hold what workers and the bot said).</summary>
    [Range(1, 365)]
    public int KeepMessagesDays { get; set; } = 7;

    /// <summary>Days a failed send stays visible to admins.</summary>
    [Range(1, 365)]
    public int KeepFailuresDays { get; set; } = 30;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan Poll => TimeSpan.FromMilliseconds(PollMilliseconds);
}
