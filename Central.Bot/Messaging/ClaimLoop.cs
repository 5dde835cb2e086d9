namespace Central.Bot.Messaging;

/// <summary>
/// The loop both workers run: claim as many items as there are free slots, process each on its own (a fixed number
/// at once), and when there is nothing to claim, wait for a signal or the poll. Items in flight finish even while the
/// host stops: an unfinished claim would only wait out its lease.
/// </summary>
public static class ClaimLoop
{
    public static async Task RunAsync<T>(
        int concurrency,
        Func<int, CancellationToken, Task<IReadOnlyList<T>>> claim,
        Func<T, Task> process,
        Func<CancellationToken, Task> idle,
        Action<Exception> claimFailed,
        TimeSpan retryAfterFailure,
        CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(concurrency);
        var running = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                var free = slots.CurrentCount + 1;
                slots.Release();
                IReadOnlyList<T> batch;
                try
                {
                    batch = await claim(free, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    claimFailed(e);
                    await Task.Delay(retryAfterFailure, stoppingToken);
                    continue;
                }
                if (batch.Count == 0)
                {
                    await idle(stoppingToken);
                    continue;
                }
                foreach (var item in batch)
                {
                    await slots.WaitAsync(stoppingToken);
                    running.RemoveAll(t => t.IsCompleted);
                    running.Add(Task.Run(async () =>
                    {
                        try
                        {
                            await process(item);
                        }
                        finally
                        {
                            slots.Release();
                        }
                    }, CancellationToken.None));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        await Task.WhenAll(running);
    }
}
