using System.Text.Json;
using Central.Bot.Observability;
using Central.Data.Messaging;
using Central.Dialogs.Conversation;
using Microsoft.Extensions.Options;

namespace Central.Bot.Messaging;

/// <summary>
/// Takes acknowledged messages from the inbox and runs their turns: up to <see cref="MessagingOptions.InboxConcurrency"/>
/// at once, one per worker at a time and in order. A turn's replies are queued in the outbox in the same transaction
/// that marks the message done. Runs on the host's lifetime, not a request's.
/// </summary>
public sealed partial class InboxWorker(
    InboxStore inbox,
    ConversationEngine engine,
    ReplyChannels channels,
    MessagingSignal signal,
    Instance instance,
    Telemetry telemetry,
    IOptions<MessagingOptions> options,
    ILogger<InboxWorker> logger) : BackgroundService
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        return ClaimLoop.RunAsync(settings.InboxConcurrency,
            (free, ct) => inbox.ClaimAsync(instance.Id, free, settings.Lease, ct),
            item => ProcessAsync(item, settings),
            ct => signal.WaitForInboxAsync(settings.Poll, ct),
            e => Log.ClaimFailed(logger, e.GetType().Name),
            settings.Poll,
            stoppingToken);
    }

    private async Task ProcessAsync(InboxItem item, MessagingOptions settings)
    {
        Turn turn;
        try
        {
            turn = JsonSerializer.Deserialize<Turn>(item.Payload, Json)!;
        }
        catch (JsonException e)
        {
            await inbox.AbandonAsync(item.Id, "unreadable payload: " + e.GetType().Name, CancellationToken.None);
            return;
        }
        using var done = new CancellationTokenSource();
        var typing = ShowTypingIfSlowAsync(turn, settings, done.Token);
        using var activity = Telemetry.Activities.StartActivity("turn");
        activity?.SetTag("central.channel", item.Channel);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var outcome = await engine.RunAsync(turn, CancellationToken.None);
            telemetry.MessagesIn.Add(1, new KeyValuePair<string, object?>("channel", item.Channel));
            telemetry.TurnDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("channel", item.Channel));
            var replies = Queue(item, turn, outcome);
            await inbox.CompleteAsync(item.Id, replies, outcome.ContactId, outcome.Transcript, CancellationToken.None);
            if (replies.Count > 0)
            {
                signal.OutboxChanged();
            }
        }
        catch (Exception e)
        {
            var reason = e.GetType().Name;
            if (item.Attempts >= settings.MaxTurnAttempts)
            {
                Log.Abandoned(logger, item.Channel, item.Id, item.Attempts, reason);
                await inbox.AbandonAsync(item.Id, reason, CancellationToken.None);
            }
            else
            {
                Log.WillRetry(logger, item.Channel, item.Id, item.Attempts, reason);
                await inbox.RetryLaterAsync(item.Id, reason, TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, item.Attempts))), CancellationToken.None);
            }
        }
        finally
        {
            await done.CancelAsync();
            await typing;
        }
    }

    private List<OutboxMessage> Queue(InboxItem item, Turn turn, TurnOutcome outcome)
    {
        var channel = channels.Find(turn.Channel);
        if (channel is null)
        {
            Log.NoChannel(logger, turn.Channel);
            return [];
        }
        var messages = new List<OutboxMessage>();
        for (var i = 0; i < outcome.Replies.Count; i++)
        {
            var parts = channel.Prepare(new Delivery(turn.Address, outcome.Replies[i], Purpose.Reply, turn.Timestamp, turn.Id));
            for (var j = 0; j < parts.Count; j++)
            {
                messages.Add(new OutboxMessage(channel.Name, $"{item.Channel}:{item.MessageId}/{i}/{j}", item.SenderKey, parts[j]));
            }
        }
        return messages;
    }

    private async Task ShowTypingIfSlowAsync(Turn turn, MessagingOptions settings, CancellationToken done)
    {
        try
        {
            await Task.Delay(settings.TypingAfterMilliseconds, done);
            if (channels.Find(turn.Channel) is { } channel)
            {
                await channel.SendTypingAsync(turn.Address, done);
            }
        }
        catch (OperationCanceledException)
        {
            // The turn finished first.
        }
        catch (HttpRequestException)
        {
            // Typing is a courtesy; the reply itself goes through the outbox.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Turn for inbox message {InboxId} on {Channel} failed (attempt {Attempt}, {Reason}); trying again later")]
        public static partial void WillRetry(ILogger logger, string channel, long inboxId, int attempt, string reason);

        [LoggerMessage(Level = LogLevel.Error, Message = "Turn for inbox message {InboxId} on {Channel} failed {Attempt} times ({Reason}); set aside so the worker's next messages go on")]
        public static partial void Abandoned(ILogger logger, string channel, long inboxId, int attempt, string reason);

        [LoggerMessage(Level = LogLevel.Error, Message = "No reply channel named {Channel} is configured; its replies are dropped")]
        public static partial void NoChannel(ILogger logger, string channel);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not claim inbox messages ({Reason}); trying again shortly")]
        public static partial void ClaimFailed(ILogger logger, string reason);
    }
}

/// <summary>This process's name in claims, so a claim can be told apart from another instance's.</summary>
public sealed class Instance
{
    public string Id { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
}
