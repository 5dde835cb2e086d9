using System.Collections.Concurrent;

namespace Central.Data.Conversations;

/// <summary>In-memory state for engine tests; same ETag rules as the SQL store.</summary>
public sealed class MemoryConversationStateStore : IConversationStateStore
{
    private readonly ConcurrentDictionary<string, StoredState> _states = new(StringComparer.Ordinal);

    public Task<StoredState?> ReadAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_states.TryGetValue(key, out var state) ? state : null);

    public Task<string?> TryWriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken)
    {
        var written = new StoredState(json, Guid.NewGuid().ToString("N"));
        var ok = expectedETag is null
            ? _states.TryAdd(key, written)
            : _states.TryGetValue(key, out var current) && current.ETag == expectedETag && _states.TryUpdate(key, written, current);
        return Task.FromResult(ok ? written.ETag : null);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        _states.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}
