using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Central.Bot.Messaging;

/// <summary>
/// A flood from one sender (a script, a stuck phone) must not fill the inbox or the send budget: each sender has a
/// bucket of <see cref="MessagingOptions.SenderBurst"/> messages, refilled at <see cref="MessagingOptions.SenderPerMinute"/>.
/// Messages past it are acknowledged (the channel must not resend them) but not processed. Per instance, in memory:
/// behind a load balancer a flooder gets the allowance once per instance, which still bounds it.
/// </summary>
public sealed class SenderRateLimit(IOptions<MessagingOptions> options, TimeProvider time)
{
    private const int MaxSenders = 100_000;

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public bool TryTake(string senderKey)
    {
        var settings = options.Value;
        var now = time.GetTimestamp();
        if (_buckets.Count >= MaxSenders)
        {
            // Forget full buckets (senders who have been quiet): they would be full again anyway.
            foreach (var (key, bucket) in _buckets)
            {
                lock (bucket)
                {
                    if (bucket.Level(now, settings, time) >= settings.SenderBurst)
                    {
                        _buckets.TryRemove(key, out _);
                    }
                }
            }
        }
        var mine = _buckets.GetOrAdd(senderKey, _ => new Bucket(settings.SenderBurst, now));
        lock (mine)
        {
            var level = mine.Level(now, settings, time);
            if (level < 1)
            {
                return false;
            }
            mine.Tokens = level - 1;
            mine.At = now;
            return true;
        }
    }

    private sealed class Bucket(double tokens, long at)
    {
        public double Tokens { get; set; } = tokens;

        public long At { get; set; } = at;

        public double Level(long now, MessagingOptions settings, TimeProvider time) =>
            Math.Min(settings.SenderBurst, Tokens + time.GetElapsedTime(At, now).TotalMinutes * settings.SenderPerMinute);
    }
}
