using System.Collections.Concurrent;
using Central.Dialogs.Conversation;

namespace Central.Bot.Channels.TryIt;

/// <summary>
/// Where the try-it channel delivers: each browser tab's messages, in order, until the page fetches them. Bounded:
/// a tab keeps its last 200 messages, and only the 1,000 most recent tabs are kept.
/// </summary>
public sealed class TryItMailbox
{
    private const int PerUser = 200;
    private const int Users = 1000;

    private readonly ConcurrentDictionary<string, Box> _boxes = new(StringComparer.Ordinal);

    public void Deliver(string user, OutgoingMessage message)
    {
        var box = _boxes.GetOrAdd(user, _ => new Box());
        lock (box)
        {
            box.Messages.Add(message);
            box.Total++;
            if (box.Messages.Count > PerUser)
            {
                box.Messages.RemoveAt(0);
            }
            box.Arrived.TrySetResult();
            box.Arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
            box.Touched = Environment.TickCount64;
        }
        if (_boxes.Count > Users)
        {
            foreach (var stale in _boxes.OrderBy(b => b.Value.Touched).Take(_boxes.Count - Users))
            {
                _boxes.TryRemove(stale.Key, out _);
            }
        }
    }

    /// <summary>Messages after the first <paramref name="after"/>, waiting up to <paramref name="wait"/> for one to arrive.</summary>
    public async Task<(IReadOnlyList<OutgoingMessage> Messages, int Total)> ReadAsync(string user, int after, TimeSpan wait, CancellationToken cancellationToken)
    {
        var box = _boxes.GetOrAdd(user, _ => new Box());
        Task arrived;
        lock (box)
        {
            if (box.Total > after)
            {
                return Slice(box, after);
            }
            arrived = box.Arrived.Task;
        }
        await Task.WhenAny(arrived, Task.Delay(wait, cancellationToken));
        lock (box)
        {
            return Slice(box, after);
        }
    }

    private static (IReadOnlyList<OutgoingMessage>, int) Slice(Box box, int after)
    {
        var first = box.Total - box.Messages.Count;
        return ([.. box.Messages.Skip(Math.Max(0, after - first))], box.Total);
    }

    private sealed class Box
    {
        public List<OutgoingMessage> Messages { get; } = [];
        public int Total { get; set; }
        public TaskCompletionSource Arrived { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public long Touched { get; set; } = Environment.TickCount64;
    }
}
