using Central.Bot.Messaging;
using Central.Data.Cases;
using Central.Data.Contacts;
using Central.Data.Messaging;
using Central.Dialogs.Cases;
using Central.Dialogs.Conversation;
using Central.Dialogs.Conversation.Localization;

namespace Central.Bot.Cases.Workspace;

/// <summary>Where a worker stands in Messenger's rules, counted from their last message.</summary>
public enum MessagingWindow
{
    /// <summary>Inside 24 hours: a normal reply (RESPONSE), or an UPDATE.</summary>
    Standard,
    /// <summary>Inside 7 days: only a person's reply, with the HUMAN_AGENT tag.</summary>
    HumanAgent,
    /// <summary>Older, or the worker never wrote: nothing can be sent until they write again.</summary>
    Closed,
}

public enum ReplyOutcome
{
    Queued,
    /// <summary>The same form was sent twice: the reply went once.</summary>
    AlreadyQueued,
    OutsideWindow,
    NoContact,
    NoChannel,
}

public enum UpdateOutcome
{
    Sent,
    Held,
    NoContact,
}

/// <summary>
/// Messages from the workspace to a worker, through the channel they wrote on (the same outbox as the bot's replies):
/// a caseworker's reply, and news of their case. Messenger allows a normal message within 24 hours of the worker's
/// last one and a person's reply (HUMAN_AGENT) within 7 days; beyond that a reply cannot go, and news is held for the
/// worker's next message (WorkerUpdateStore, delivered by the engine). Every message is also written to the transcript.
/// </summary>
public sealed partial class WorkerDelivery(
    ReplyChannels channels,
    OutboxStore outbox,
    MessagingSignal signal,
    TranscriptStore transcript,
    WorkerUpdateStore updates,
    TimeProvider time,
    ILogger<WorkerDelivery> logger)
{
    public static readonly TimeSpan StandardWindow = TimeSpan.FromHours(24);
    public static readonly TimeSpan HumanAgentWindow = TimeSpan.FromDays(7);

    // The contact's last-inbound time is when the turn was processed, a little after the worker wrote; Meta counts
    // from the message. Claiming a few minutes less than we have keeps a message near the edge from being refused.
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(10);

    public MessagingWindow WindowFor(Contact contact)
    {
        if (contact.LastInboundAt is not { } last)
        {
            return MessagingWindow.Closed;
        }
        var since = time.GetUtcNow() - last + Margin;
        return since <= StandardWindow ? MessagingWindow.Standard : since <= HumanAgentWindow ? MessagingWindow.HumanAgent : MessagingWindow.Closed;
    }

    /// <summary>
    /// A caseworker's own words to the worker (Purpose.Human: RESPONSE inside 24 h, HUMAN_AGENT inside 7 days).
    /// <c>key</c> is unique per reply (the form's nonce), so sending the same form twice sends once.
    /// </summary>
    public async Task<ReplyOutcome> ReplyAsync(Contact? contact, string text, string actor, string key, CancellationToken cancellationToken)
    {
        if (contact is null)
        {
            return ReplyOutcome.NoContact;
        }
        if (WindowFor(contact) == MessagingWindow.Closed)
        {
            return ReplyOutcome.OutsideWindow;
        }
        switch (await QueueAsync(contact, text, Purpose.Human, $"workspace:reply:{key}", cancellationToken))
        {
            case null:
                return ReplyOutcome.NoChannel;
            case 0:
                return ReplyOutcome.AlreadyQueued;
        }
        await transcript.AppendAsync(contact.Id, [new(TranscriptStore.Out, actor, text)], cancellationToken);
        Log.Replied(logger, contact.Id, contact.Channel);
        return ReplyOutcome.Queued;
    }

    /// <summary>Tells the worker, in their language, that their case's status changed; held when Messenger would refuse it.</summary>
    public async Task<UpdateOutcome> TellStatusAsync(CaseRecord record, Contact? contact, string status, string key, CancellationToken cancellationToken)
    {
        if (contact is null)
        {
            return UpdateOutcome.NoContact;
        }
        var language = Languages.FromCode(contact.Language) ?? Languages.FromCode(record.Language) ?? Language.Km;
        var text = WorkerTexts.StatusChanged(language, record.CaseNumber, CaseCatalog.Status(status).Render(language));
        var purpose = WindowFor(contact) switch
        {
            MessagingWindow.Standard => Purpose.Update,
            // A caseworker changed it: a person's message, which the HUMAN_AGENT tag allows for 7 days.
            MessagingWindow.HumanAgent => Purpose.Human,
            _ => (Purpose?)null,
        };
        if (purpose is { } allowed && await QueueAsync(contact, text, allowed, $"workspace:status:{record.Id}:{key}", cancellationToken) is not null)
        {
            await transcript.AppendAsync(contact.Id, [new(TranscriptStore.Out, "workspace", text)], cancellationToken);
            Log.StatusSent(logger, record.CaseNumber, status);
            return UpdateOutcome.Sent;
        }
        await updates.HoldAsync(contact.Id, record.Id, text, cancellationToken);
        Log.StatusHeld(logger, record.CaseNumber, status);
        return UpdateOutcome.Held;
    }

    /// <returns>How many parts were queued (0: that key was queued before), or null when the worker's channel is not configured.</returns>
    private async Task<int?> QueueAsync(Contact contact, string text, Purpose purpose, string key, CancellationToken cancellationToken)
    {
        if (channels.Find(contact.Channel) is not { } channel)
        {
            return null;
        }
        var parts = channel.Prepare(new Delivery(contact.Address, new OutgoingMessage(text, []), purpose, contact.LastInboundAt - Margin));
        var queued = await outbox.EnqueueAsync([.. parts.Select((payload, i) => new OutboxMessage(channel.Name, $"{key}/{i}", contact.UserKey, payload))], cancellationToken);
        signal.OutboxChanged();
        return queued;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Caseworker reply to contact {ContactId} queued on {Channel}")]
        public static partial void Replied(ILogger logger, long contactId, string channel);

        [LoggerMessage(Level = LogLevel.Information, Message = "Worker told that case {CaseNumber} is now {Status}")]
        public static partial void StatusSent(ILogger logger, string caseNumber, string status);

        [LoggerMessage(Level = LogLevel.Information, Message = "News that case {CaseNumber} is now {Status} held for the worker's next message (outside Messenger's window)")]
        public static partial void StatusHeld(ILogger logger, string caseNumber, string status);
    }
}
