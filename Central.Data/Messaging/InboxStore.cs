using Central.Data.Contacts;
using Central.Data.Storage;
using Dapper;

namespace Central.Data.Messaging;

/// <summary>An inbound message as the channel wrote it to the inbox; <see cref="Payload"/> is decrypted.</summary>
public sealed record InboxItem(long Id, string Channel, string MessageId, string SenderKey, string Payload, int Attempts, DateTimeOffset ReceivedAt);

/// <summary>
/// Durable intake: a channel writes each inbound message here before acknowledging it, and workers claim them.
/// A message id is taken once per channel (redeliveries are dropped); a sender's messages are claimed strictly
/// one at a time and in order, across any number of workers and instances; an expired claim is taken again.
/// </summary>
public sealed class InboxStore(Database database, PersonalDataCipher cipher, TimeProvider time)
{
    /// <returns>False when this channel already has a message with this id (a redelivery).</returns>
    public async Task<bool> TryAddAsync(string channel, string messageId, string senderKey, string payload, CancellationToken cancellationToken)
    {
        var args = new { channel, messageId, senderKey, payload = cipher.Encrypt(payload), now = time.GetUtcNow() };
        await using var db = await database.OpenForWriteAsync(cancellationToken, acknowledging: true);
        var added = await db.ExecuteAsync(new CommandDefinition(database.Sql(
            sqlite: """
                INSERT INTO inbox (channel, message_id, sender_key, payload_enc, received_at)
                VALUES (@channel, @messageId, @senderKey, @payload, @now)
                ON CONFLICT (channel, message_id) DO NOTHING
                """,
            sqlServer: """
                INSERT INTO inbox (channel, message_id, sender_key, payload_enc, received_at)
                SELECT @channel, @messageId, @senderKey, @payload, @now
                WHERE NOT EXISTS (SELECT 1 FROM inbox WITH (UPDLOCK, HOLDLOCK) WHERE channel = @channel AND message_id = @messageId)
                """), args, cancellationToken: cancellationToken));
        return added == 1;
    }

    /// <summary>
    /// Claims up to <paramref name="max"/> messages, each the oldest unprocessed one of its sender, for
    /// <paramref name="lease"/>. A sender whose oldest message is claimed by someone else has nothing to take.
    /// </summary>
    public async Task<IReadOnlyList<InboxItem>> ClaimAsync(string claimant, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var args = new { claimant, max, now, until = now + lease };
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        var rows = await db.QueryAsync<InboxRow>(new CommandDefinition(database.Sql(
            sqlite: """
                UPDATE inbox SET claimed_by = @claimant, claim_expires_at = @until, attempts = attempts + 1
                WHERE id IN (
                    SELECT i.id FROM inbox i
                    WHERE i.processed_at IS NULL
                      AND (i.claim_expires_at IS NULL OR i.claim_expires_at <= @now)
                      AND NOT EXISTS (SELECT 1 FROM inbox e WHERE e.sender_key = i.sender_key AND e.processed_at IS NULL AND e.id < i.id)
                    ORDER BY i.id
                    LIMIT @max)
                RETURNING id AS Id, channel AS Channel, message_id AS MessageId, sender_key AS SenderKey,
                          payload_enc AS PayloadEnc, attempts AS Attempts, received_at AS ReceivedAt
                """,
            sqlServer: """
                WITH next AS (
                    SELECT TOP (@max) i.id, i.channel, i.message_id, i.sender_key, i.payload_enc, i.attempts, i.received_at,
                           i.claimed_by, i.claim_expires_at
                    FROM inbox i WITH (UPDLOCK, READPAST, ROWLOCK)
                    WHERE i.processed_at IS NULL
                      AND (i.claim_expires_at IS NULL OR i.claim_expires_at <= @now)
                      AND NOT EXISTS (SELECT 1 FROM inbox e WHERE e.sender_key = i.sender_key AND e.processed_at IS NULL AND e.id < i.id)
                    ORDER BY i.id)
                UPDATE next SET claimed_by = @claimant, claim_expires_at = @until, attempts = attempts + 1
                OUTPUT inserted.id AS Id, inserted.channel AS Channel, inserted.message_id AS MessageId, inserted.sender_key AS SenderKey,
                       inserted.payload_enc AS PayloadEnc, inserted.attempts AS Attempts, inserted.received_at AS ReceivedAt;
                """), args, cancellationToken: cancellationToken));
        return [.. rows.OrderBy(r => r.Id).Select(r => new InboxItem(r.Id, r.Channel, r.MessageId, r.SenderKey, cipher.Decrypt(r.PayloadEnc), r.Attempts, r.ReceivedAt))];
    }

    /// <summary>
    /// Marks the message processed and queues its replies, in one transaction: after a crash either both
    /// happened or neither did. Replies already queued (same idempotency key) are not queued twice.
    /// </summary>
    public Task CompleteAsync(long id, IReadOnlyList<OutboxMessage> replies, CancellationToken cancellationToken) =>
        CompleteAsync(id, replies, 0, [], cancellationToken);

    /// <summary>
    /// Marks the message done, queues its replies and adds the turn's lines to the worker's transcript, in one
    /// transaction (one writer turn instead of two per message).
    /// </summary>
    public async Task CompleteAsync(long id, IReadOnlyList<OutboxMessage> replies, long contactId, IReadOnlyList<TranscriptEntry> transcript, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        await OutboxStore.InsertAsync(database, cipher, time, db, transaction, replies, cancellationToken);
        var first = await db.ExecuteAsync(new CommandDefinition("""
            UPDATE inbox SET processed_at = @now, claimed_by = NULL, claim_expires_at = NULL, last_error = NULL
            WHERE id = @id AND processed_at IS NULL
            """, new { id, now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        if (first == 1)
        {
            // Replies are queued once by their keys; transcript lines have none, so only the first completion adds them.
            await TranscriptStore.InsertAsync(cipher, time, db, transaction, contactId, transcript, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Processing failed: the message stays at the head of its sender's queue and is tried again after <paramref name="delay"/>.</summary>
    public async Task RetryLaterAsync(long id, string error, TimeSpan delay, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE inbox SET claim_expires_at = @retryAt, last_error = @error WHERE id = @id
            """, new { id, retryAt = time.GetUtcNow() + delay, error = Truncate(error) }, cancellationToken: cancellationToken));
    }

    /// <summary>Gives up on a message that keeps failing, so the sender's later messages are not held up behind it.</summary>
    public async Task AbandonAsync(long id, string error, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE inbox SET processed_at = @now, claimed_by = NULL, claim_expires_at = NULL, last_error = @error WHERE id = @id
            """, new { id, now = time.GetUtcNow(), error = Truncate("abandoned: " + error) }, cancellationToken: cancellationToken));
    }

    /// <summary>Forgets messages processed before <paramref name="before"/>: their payloads are what workers wrote.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        return await db.ExecuteAsync(new CommandDefinition("""
            DELETE FROM inbox WHERE processed_at IS NOT NULL AND processed_at < @before
            """, new { before }, cancellationToken: cancellationToken));
    }

    public async Task<int> PendingCountAsync(CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        return await db.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM inbox WHERE processed_at IS NULL", cancellationToken: cancellationToken));
    }

    internal static string Truncate(string error) => error.Length <= 1000 ? error : error[..1000];

    private sealed class InboxRow
    {
        public long Id { get; init; }
        public string Channel { get; init; } = "";
        public string MessageId { get; init; } = "";
        public string SenderKey { get; init; } = "";
        public string PayloadEnc { get; init; } = "";
        public int Attempts { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
    }
}
