using System.Diagnostics;

namespace Central.Bench;

/// <summary>
/// A steady stream of messages for a long time, to see memory stay flat and the queues keep up: prints resident memory,
/// messages sent and replies received every 30 s, then the figures for the whole run.
/// </summary>
internal static class Soak
{
    public static async Task<int> RunAsync(BenchOptions options, string[] users, Func<string, string, CancellationToken, Task> send, Func<int> delivered, ServiceProcess service)
    {
        Console.WriteLine($"soak: {options.Rate} messages/s for {options.SoakSeconds} s from {users.Length} workers");
        var before = delivered();
        var cpuBefore = service.CpuTime();
        var started = Stopwatch.GetTimestamp();
        var sent = 0;
        var next = 0;
        var memory = new List<double>();
        using var report = new PeriodicTimer(TimeSpan.FromSeconds(30));
        var reporting = Task.Run(async () =>
        {
            while (await report.WaitForNextTickAsync())
            {
                var rss = service.MemoryMiB();
                memory.Add(rss);
                Console.WriteLine($"  {Stopwatch.GetElapsedTime(started).TotalSeconds,5:F0} s: {rss,6:F0} MiB resident, {Volatile.Read(ref sent),7} sent, {delivered() - before,7} replies");
            }
        });
        var interval = TimeSpan.FromSeconds(1.0 / options.Rate);
        var inFlight = new List<Task>();
        while (Stopwatch.GetElapsedTime(started).TotalSeconds < options.SoakSeconds)
        {
            var due = started + (long)(Volatile.Read(ref sent) * interval.TotalSeconds * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            var psid = users[next++ % users.Length];
            inFlight.Add(send(psid, options.Text, CancellationToken.None));
            Interlocked.Increment(ref sent);
            if (inFlight.Count > 256)
            {
                await Task.WhenAll(inFlight);
                inFlight.Clear();
            }
        }
        await Task.WhenAll(inFlight);
        report.Dispose();
        await reporting;
        var cpu = service.CpuTime() - cpuBefore;
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine($"soak done: {sent} messages in {seconds:F0} s ({sent / seconds:F0}/s), {delivered() - before} replies so far");
        Console.WriteLine($"service CPU: {cpu.TotalMilliseconds / sent:F2} ms per message; memory first/last/max: {memory.FirstOrDefault():F0}/{memory.LastOrDefault():F0}/{(memory.Count == 0 ? 0 : memory.Max()):F0} MiB");
        return 0;
    }
}
