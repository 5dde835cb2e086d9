namespace Central.Data.Conversations;

/// <summary>A conversation's saved state and the ETag that guards it.</summary>
public sealed record StoredState(string Json, string ETag);

/// <summary>
/// Where the dialog engine keeps conversation state between turns, with ETag concurrency as in Bot Builder's
/// IStorage: a write names the ETag it read (null: "I read nothing"), and a stale write is refused, never merged.
/// Two implementations: <see cref="ConversationStateStore"/> (SQL) and <see cref="MemoryConversationStateStore"/> (tests).
/// </summary>
public interface IConversationStateStore
{
    Task<StoredState?> ReadAsync(string key, CancellationToken cancellationToken);

    /// <returns>The new ETag, or null when <paramref name="expectedETag"/> is stale (someone else wrote first).</returns>
    Task<string?> TryWriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
