using Central.Bot.Observability;
using Central.Data.Messaging;
using Microsoft.Extensions.Options;

namespace Central.Bot.Messaging;

/// <summary>
/// Sends what the outbox holds, oldest first per worker, one in flight per worker. Passing failures wait and are
/// retried with backoff (through an outage of minutes or hours); permanent ones are recorded with their kind and
/// never retried; a bad page token is an alert, since nothing will be delivered until someone fixes it.
/// </summary>
public sealed partial class OutboxWorker(
    OutboxStore outbox,
    ReplyChannels channels,
    MessagingSignal signal,
    Instance instance,
    TimeProvider time,
    Telemetry telemetry,
    IOptions<MessagingOptions> options,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        return ClaimLoop.RunAsync(settings.OutboxConcurrency,
            (free, ct) => outbox.ClaimDueAsync(instance.Id, free, settings.Lease, ct),
            async item =>
            {
                await SendAsync(item, settings);
                // The worker's next message may be waiting behind this one.
                signal.OutboxChanged();
            },
            ct => signal.WaitForOutboxAsync(settings.Poll, ct),
            e => Log.ClaimFailed(logger, e.GetType().Name),
            settings.Poll,
            stoppingToken);
    }

    private async Task SendAsync(OutboxItem item, MessagingOptions settings)
    {
        if (item.ConfirmedAt is not null)
        {
            await outbox.MarkSentAsync(item.Id, CancellationToken.None);
            return;
        }
        if (item.InDoubtSince is { } started)
        {
            // An instance died while sending this: it reached the channel only if the channel echoes it back.
            var echoBy = started + TimeSpan.FromSeconds(settings.EchoGraceSeconds);
            if (time.GetUtcNow() < echoBy)
            {
                await outbox.AwaitEchoAsync(item.Id, echoBy, CancellationToken.None);
                return;
            }
            Log.InDoubtResent(logger, item.Channel, item.Id);
        }
        using var activity = Telemetry.Activities.StartActivity("send");
        activity?.SetTag("central.channel", item.Channel);
        var result = channels.Find(item.Channel) is { } channel
            ? await TrySendAsync(channel, item)
            : new SendResult.Failed("no_channel", $"No reply channel named {item.Channel} is configured.");
        var channelTag = new KeyValuePair<string, object?>("channel", item.Channel);
        switch (result)
        {
            case SendResult.Sent:
                telemetry.MessagesOut.Add(1, channelTag);
                break;
            case SendResult.Failed failed:
                telemetry.SendFailures.Add(1, channelTag, new KeyValuePair<string, object?>("kind", failed.Kind));
                break;
            default:
                telemetry.SendFailures.Add(1, channelTag, new KeyValuePair<string, object?>("kind", "retry"));
                break;
        }
        switch (result)
        {
            case SendResult.Sent:
                await outbox.MarkSentAsync(item.Id, CancellationToken.None);
                break;
            case SendResult.Retry retry when time.GetUtcNow() - item.CreatedAt > TimeSpan.FromHours(settings.GiveUpAfterHours):
                Log.GaveUp(logger, item.Channel, item.Id, item.Attempts, retry.Reason);
                await outbox.FailAsync(item.Id, "expired", $"Still failing after {settings.GiveUpAfterHours} h: {retry.Reason}", CancellationToken.None);
                break;
            case SendResult.Retry retry:
                var wait = retry.After ?? Backoff(item.Attempts, settings.RetryBaseMilliseconds, settings.MaxRetryDelaySeconds);
                Log.WillRetry(logger, item.Channel, item.Id, item.Attempts, retry.Reason, wait.TotalSeconds);
                await outbox.RetryAsync(item.Id, time.GetUtcNow() + wait, retry.Reason, CancellationToken.None);
                break;
            case SendResult.Failed failed:
                if (failed.Kind == "bad_token")
                {
                    Log.BadToken(logger, item.Channel);
                }
                else
                {
                    Log.Failed(logger, item.Channel, item.Id, failed.Kind);
                }
                await outbox.FailAsync(item.Id, failed.Kind, failed.Reason, CancellationToken.None);
                break;
        }
    }

    private static async Task<SendResult> TrySendAsync(IReplyChannel channel, OutboxItem item)
    {
        try
        {
            return await channel.SendAsync(item.Payload, item.IdempotencyKey, CancellationToken.None);
        }
        catch (HttpRequestException e)
        {
            return new SendResult.Retry($"connection failed ({e.HttpRequestError})");
        }
        catch (TaskCanceledException)
        {
            return new SendResult.Retry("timed out");
        }
    }

    /// <summary>1 s, 2 s, 4 s … up to a minute (from a 1 s base), with jitter so waiting messages don't retry in step.</summary>
    internal static TimeSpan Backoff(int attempts, int baseMilliseconds, int maxSeconds)
    {
        var milliseconds = Math.Min(maxSeconds * 1000.0, baseMilliseconds * Math.Pow(2, Math.Max(0, attempts - 1)));
        return TimeSpan.FromMilliseconds(milliseconds * (0.8 + Random.Shared.NextDouble() * 0.4));
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Send of outbox message {OutboxId} on {Channel} failed (attempt {Attempt}: {Reason}); retrying in {Seconds:F0} s")]
        public static partial void WillRetry(ILogger logger, string channel, long outboxId, int attempt, string reason, double seconds);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {OutboxId} on {Channel} failed permanently ({Kind}); not retried")]
        public static partial void Failed(ILogger logger, string channel, long outboxId, string kind);

        [LoggerMessage(Level = LogLevel.Critical, Message = "ALERT: the {Channel} access token was refused; nothing will be delivered until it is replaced")]
        public static partial void BadToken(ILogger logger, string channel);

        [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {OutboxId} on {Channel} still failing after {Attempt} attempts ({Reason}); given up")]
        public static partial void GaveUp(ILogger logger, string channel, long outboxId, int attempt, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {OutboxId} on {Channel} was being sent when an instance stopped and no echo came; sending it again")]
        public static partial void InDoubtResent(ILogger logger, string channel, long outboxId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not claim outbox messages ({Reason}); trying again shortly")]
        public static partial void ClaimFailed(ILogger logger, string reason);
    }
}
