using Central.Data.Storage;
using Dapper;

namespace Central.Data.Contacts;

public sealed record WorkerUpdate(long Id, long? CaseId, DateTimeOffset CreatedAt, string Text);

/// <summary>
/// News for a worker that Messenger's rules do not allow to send now (their last message is too old): kept here,
/// encrypted, and given to them with the bot's reply the next time they write.
/// </summary>
public sealed class WorkerUpdateStore(Database database, PersonalDataCipher cipher, TimeProvider time)
{
    public async Task HoldAsync(long contactId, long? caseId, string text, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO worker_updates (contact_id, case_id, created_at, text_enc) VALUES (@contactId, @caseId, @now, @text)
            """, new { contactId, caseId, now = time.GetUtcNow(), text = cipher.Encrypt(text) }, cancellationToken: cancellationToken));
    }

    /// <summary>The updates still waiting for this worker, oldest first.</summary>
    public async Task<IReadOnlyList<WorkerUpdate>> PendingAsync(long contactId, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        var rows = await db.QueryAsync<Row>(new CommandDefinition("""
            SELECT id AS Id, case_id AS CaseId, created_at AS CreatedAt, text_enc AS TextEnc
            FROM worker_updates WHERE contact_id = @contactId AND delivered_at IS NULL ORDER BY id
            """, new { contactId }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new WorkerUpdate(r.Id, r.CaseId, r.CreatedAt, cipher.Decrypt(r.TextEnc)))];
    }

    /// <summary>Marks this worker's updates up to <paramref name="lastId"/> as delivered (later ones keep waiting).</summary>
    public async Task MarkDeliveredAsync(long contactId, long lastId, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE worker_updates SET delivered_at = @now WHERE contact_id = @contactId AND id <= @lastId AND delivered_at IS NULL
            """, new { contactId, lastId, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>Whether anything waits for this worker (cheap: no decryption).</summary>
    public async Task<bool> AnyPendingAsync(long contactId, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        return await db.ExecuteScalarAsync<int>(new CommandDefinition("""
            SELECT COUNT(*) FROM worker_updates WHERE contact_id = @contactId AND delivered_at IS NULL
            """, new { contactId }, cancellationToken: cancellationToken)) > 0;
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public long? CaseId { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public string TextEnc { get; init; } = "";
    }
}
