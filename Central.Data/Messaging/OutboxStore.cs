using System.Data.Common;
using Central.Data.Storage;
using Dapper;

namespace Central.Data.Messaging;

/// <summary>
/// A message to send. <see cref="IdempotencyKey"/> names the inbound message and step it answers, so the same
/// reply is never queued twice; <see cref="Payload"/> (channel-specific JSON with the address) is encrypted at rest.
/// </summary>
public sealed record OutboxMessage(string Channel, string IdempotencyKey, string RecipientKey, string Payload);

/// <summary>
/// A message claimed for sending. <see cref="InDoubtSince"/> is set when an earlier claim of it ended without a
/// result — its instance died, perhaps mid-send — and says when that attempt began.
/// </summary>
public sealed record OutboxItem(long Id, string Channel, string IdempotencyKey, string RecipientKey, string Payload, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset? InDoubtSince = null, DateTimeOffset? ConfirmedAt = null);

/// <summary>A message that will never be sent, and why; shown to caseworkers and admins.</summary>
public sealed record FailedSend(long Id, string Channel, string RecipientKey, string FailureKind, string? LastError, int Attempts, DateTimeOffset CreatedAt);

/// <summary>
/// Durable sending. Messages to one recipient go out strictly in order: only the oldest pending one of each
/// recipient can be claimed, and a message waiting for a retry holds back the ones behind it.
/// </summary>
public sealed class OutboxStore(Database database, PersonalDataCipher cipher, TimeProvider time)
{
    /// <returns>How many were queued; those whose idempotency key was already queued are skipped.</returns>
    public async Task<int> EnqueueAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var queued = await InsertAsync(database, cipher, time, db, transaction, messages, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return queued;
    }

    internal static async Task<int> InsertAsync(Database database, PersonalDataCipher cipher, TimeProvider time, DbConnection db,
        DbTransaction transaction, IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var queued = 0;
        foreach (var message in messages)
        {
            queued += await db.ExecuteAsync(new CommandDefinition(database.Sql(
                sqlite: """
                    INSERT INTO outbox (channel, idempotency_key, recipient_key, payload_enc, status, next_attempt_at, created_at)
                    VALUES (@Channel, @IdempotencyKey, @RecipientKey, @payload, 'pending', @now, @now)
                    ON CONFLICT (idempotency_key) DO NOTHING
                    """,
                sqlServer: """
                    INSERT INTO outbox (channel, idempotency_key, recipient_key, payload_enc, status, next_attempt_at, created_at)
                    SELECT @Channel, @IdempotencyKey, @RecipientKey, @payload, N'pending', @now, @now
                    WHERE NOT EXISTS (SELECT 1 FROM outbox WITH (UPDLOCK, HOLDLOCK) WHERE idempotency_key = @IdempotencyKey)
                    """),
                new { message.Channel, message.IdempotencyKey, message.RecipientKey, payload = cipher.Encrypt(message.Payload), now },
                transaction, cancellationToken: cancellationToken));
        }
        return queued;
    }

    /// <summary>
    /// Claims up to <paramref name="max"/> due messages, each the oldest pending one of its recipient. The claim marks the
    /// send as begun (send_started_at, kept if an earlier claim already set it), so a claim that dies is known to be in doubt.
    /// </summary>
    public async Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(string claimant, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var args = new { claimant, max, now, until = now + lease };
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        var rows = await db.QueryAsync<OutboxRow>(new CommandDefinition(database.Sql(
            sqlite: """
                UPDATE outbox SET claimed_by = @claimant, claim_expires_at = @until, attempts = attempts + 1,
                       send_started_at = COALESCE(send_started_at, @now)
                WHERE id IN (
                    SELECT o.id FROM outbox o
                    WHERE o.status = 'pending' AND o.next_attempt_at <= @now
                      AND (o.claim_expires_at IS NULL OR o.claim_expires_at <= @now)
                      AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.recipient_key = o.recipient_key AND e.status = 'pending' AND e.id < o.id)
                    ORDER BY o.id
                    LIMIT @max)
                RETURNING id AS Id, channel AS Channel, idempotency_key AS IdempotencyKey, recipient_key AS RecipientKey,
                          payload_enc AS PayloadEnc, attempts AS Attempts, created_at AS CreatedAt, send_started_at AS SendStartedAt,
                          confirmed_at AS ConfirmedAt
                """,
            sqlServer: """
                WITH due AS (
                    SELECT TOP (@max) o.id, o.channel, o.idempotency_key, o.recipient_key, o.payload_enc, o.attempts, o.created_at,
                           o.send_started_at, o.confirmed_at, o.claimed_by, o.claim_expires_at
                    FROM outbox o WITH (UPDLOCK, READPAST, ROWLOCK)
                    WHERE o.status = N'pending' AND o.next_attempt_at <= @now
                      AND (o.claim_expires_at IS NULL OR o.claim_expires_at <= @now)
                      AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.recipient_key = o.recipient_key AND e.status = N'pending' AND e.id < o.id)
                    ORDER BY o.id)
                UPDATE due SET claimed_by = @claimant, claim_expires_at = @until, attempts = attempts + 1,
                       send_started_at = COALESCE(send_started_at, @now)
                OUTPUT inserted.id AS Id, inserted.channel AS Channel, inserted.idempotency_key AS IdempotencyKey,
                       inserted.recipient_key AS RecipientKey, inserted.payload_enc AS PayloadEnc, inserted.attempts AS Attempts,
                       inserted.created_at AS CreatedAt, inserted.send_started_at AS SendStartedAt, inserted.confirmed_at AS ConfirmedAt;
                """), args, cancellationToken: cancellationToken));
        return [.. rows.OrderBy(r => r.Id).Select(r => new OutboxItem(r.Id, r.Channel, r.IdempotencyKey, r.RecipientKey, cipher.Decrypt(r.PayloadEnc), r.Attempts, r.CreatedAt,
            r.SendStartedAt < now ? r.SendStartedAt : null, r.ConfirmedAt))];
    }

    /// <summary>The channel echoed the message back (Meta's message echo carries its key): it was delivered.</summary>
    public async Task<bool> ConfirmAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken, acknowledging: true);
        return await db.ExecuteAsync(new CommandDefinition("""
            UPDATE outbox SET confirmed_at = @now,
                   status = CASE WHEN status = 'pending' THEN 'sent' ELSE status END,
                   sent_at = CASE WHEN sent_at IS NULL THEN @now ELSE sent_at END
            WHERE idempotency_key = @idempotencyKey AND confirmed_at IS NULL
            """, new { idempotencyKey, now = time.GetUtcNow() }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task MarkSentAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE outbox SET status = 'sent', sent_at = @now, claimed_by = NULL, claim_expires_at = NULL, last_error = NULL WHERE id = @id
            """, new { id, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// An in-doubt message waits for its echo until <paramref name="until"/>; it keeps its send mark, so if no echo
    /// comes it is sent again then.
    /// </summary>
    public async Task AwaitEchoAsync(long id, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE outbox SET next_attempt_at = @until, claimed_by = NULL, claim_expires_at = NULL WHERE id = @id AND status = 'pending'
            """, new { id, until }, cancellationToken: cancellationToken));
    }

    /// <summary>A passing failure (5xx, timeout, rate limit): try again at <paramref name="nextAttemptAt"/>.</summary>
    public async Task RetryAsync(long id, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE outbox SET next_attempt_at = @nextAttemptAt, claimed_by = NULL, claim_expires_at = NULL, send_started_at = NULL, last_error = @error
            WHERE id = @id
            """, new { id, nextAttemptAt, error = InboxStore.Truncate(error) }, cancellationToken: cancellationToken));
    }

    /// <summary>A permanent failure (user unavailable, outside the window, bad token): never retried, kept for people to see.</summary>
    public async Task FailAsync(long id, string failureKind, string error, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE outbox SET status = 'failed', failure_kind = @failureKind, claimed_by = NULL, claim_expires_at = NULL, last_error = @error
            WHERE id = @id
            """, new { id, failureKind, error = InboxStore.Truncate(error) }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<FailedSend>> RecentFailuresAsync(int max, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        var rows = await db.QueryAsync<FailedRow>(new CommandDefinition(database.Sql(
            sqlite: """
                SELECT id AS Id, channel AS Channel, recipient_key AS RecipientKey, failure_kind AS FailureKind, last_error AS LastError,
                       attempts AS Attempts, created_at AS CreatedAt
                FROM outbox WHERE status = 'failed' ORDER BY id DESC LIMIT @max
                """,
            sqlServer: """
                SELECT TOP (@max) id AS Id, channel AS Channel, recipient_key AS RecipientKey, failure_kind AS FailureKind,
                       last_error AS LastError, attempts AS Attempts, created_at AS CreatedAt
                FROM outbox WHERE status = N'failed' ORDER BY id DESC
                """), new { max }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new FailedSend(r.Id, r.Channel, r.RecipientKey, r.FailureKind ?? "unknown", r.LastError, r.Attempts, r.CreatedAt))];
    }

    /// <summary>Forgets messages sent before <paramref name="sentBefore"/> and failures older than <paramref name="failedBefore"/>.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset sentBefore, DateTimeOffset failedBefore, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        return await db.ExecuteAsync(new CommandDefinition("""
            DELETE FROM outbox
            WHERE (status = 'sent' AND created_at < @sentBefore) OR (status = 'failed' AND created_at < @failedBefore)
            """, new { sentBefore, failedBefore }, cancellationToken: cancellationToken));
    }

    public async Task<int> PendingCountAsync(CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        return await db.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM outbox WHERE status = 'pending'", cancellationToken: cancellationToken));
    }

    private sealed class OutboxRow
    {
        public long Id { get; init; }
        public string Channel { get; init; } = "";
        public string IdempotencyKey { get; init; } = "";
        public string RecipientKey { get; init; } = "";
        public string PayloadEnc { get; init; } = "";
        public int Attempts { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? SendStartedAt { get; init; }
        public DateTimeOffset? ConfirmedAt { get; init; }
    }

    private sealed class FailedRow
    {
        public long Id { get; init; }
        public string Channel { get; init; } = "";
        public string RecipientKey { get; init; } = "";
        public string? FailureKind { get; init; }
        public string? LastError { get; init; }
        public int Attempts { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }
}
