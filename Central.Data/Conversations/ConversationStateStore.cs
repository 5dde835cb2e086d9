using Central.Data.Storage;
using Dapper;

namespace Central.Data.Conversations;

/// <summary>Conversation state in SQL, encrypted at rest (drafts can hold a phone number), ETag-guarded.</summary>
public sealed class ConversationStateStore(Database database, PersonalDataCipher cipher, TimeProvider time) : IConversationStateStore
{
    public async Task<StoredState?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        var row = await db.QuerySingleOrDefaultAsync<(string DataEnc, string ETag)?>(new CommandDefinition("""
            SELECT data_enc, etag FROM conversation_state WHERE state_key = @key
            """, new { key }, cancellationToken: cancellationToken));
        return row is { } found ? new StoredState(cipher.Decrypt(found.DataEnc), found.ETag) : null;
    }

    public async Task<string?> TryWriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken)
    {
        var etag = Guid.NewGuid().ToString("N");
        var args = new { key, data = cipher.Encrypt(json), etag, expectedETag, now = time.GetUtcNow() };
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        if (expectedETag is null)
        {
            // "I read nothing": only succeeds if nobody created the state meanwhile.
            var inserted = await db.ExecuteAsync(new CommandDefinition(database.Sql(
                sqlite: """
                    INSERT INTO conversation_state (state_key, data_enc, etag, updated_at) VALUES (@key, @data, @etag, @now)
                    ON CONFLICT (state_key) DO NOTHING
                    """,
                sqlServer: """
                    INSERT INTO conversation_state (state_key, data_enc, etag, updated_at)
                    SELECT @key, @data, @etag, @now
                    WHERE NOT EXISTS (SELECT 1 FROM conversation_state WITH (UPDLOCK, HOLDLOCK) WHERE state_key = @key)
                    """), args, cancellationToken: cancellationToken));
            return inserted == 1 ? etag : null;
        }
        var updated = await db.ExecuteAsync(new CommandDefinition("""
            UPDATE conversation_state SET data_enc = @data, etag = @etag, updated_at = @now
            WHERE state_key = @key AND etag = @expectedETag
            """, args, cancellationToken: cancellationToken));
        return updated == 1 ? etag : null;
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition("""
            DELETE FROM conversation_state WHERE state_key = @key
            """, new { key }, cancellationToken: cancellationToken));
    }
}
