using Central.Data.Messaging;
using Microsoft.Extensions.Options;

namespace Central.Bot.Messaging;

/// <summary>
/// Keeps the inbox and outbox small and free of old personal data: every hour, processed messages and sent replies
/// older than <see cref="MessagingOptions.KeepMessagesDays"/> go, failed sends after <see cref="MessagingOptions.KeepFailuresDays"/>.
/// Safe on several instances at once (each delete is idempotent).
/// </summary>
public sealed partial class RetentionWorker(InboxStore inbox, OutboxStore outbox, TimeProvider time, IOptions<MessagingOptions> options, ILogger<RetentionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            try
            {
                await PurgeOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.Failed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task PurgeOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        var messages = await inbox.PurgeAsync(now.AddDays(-settings.KeepMessagesDays), cancellationToken);
        var sent = await outbox.PurgeAsync(now.AddDays(-settings.KeepMessagesDays), now.AddDays(-settings.KeepFailuresDays), cancellationToken);
        if (messages + sent > 0)
        {
            Log.Purged(logger, messages, sent);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Retention: forgot {Inbox} processed message(s) and {Outbox} sent or failed reply(ies)")]
        public static partial void Purged(ILogger logger, int inbox, int outbox);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Retention purge failed ({Reason}); trying again in an hour")]
        public static partial void Failed(ILogger logger, string reason);
    }
}
