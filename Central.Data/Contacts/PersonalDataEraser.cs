using Central.Data.Storage;
using Dapper;

namespace Central.Data.Contacts;

/// <summary>
/// "Delete my data": removes what identifies a worker or what they said — name, phone, descriptions, files, the
/// conversation, messages in transit records, held updates — from their cases and everywhere else, in one
/// transaction. Each case stays, anonymous, with its category, place, dates and status for the statistics. Event
/// details that could quote the worker are cleared; who did what, and when, stays in the audit trail.
/// </summary>
public sealed class PersonalDataEraser(Database database, TimeProvider time)
{
    /// <returns>The case numbers that were anonymised.</returns>
    public async Task<IReadOnlyList<string>> EraseAsync(long contactId, string userKey, CancellationToken cancellationToken)
    {
        var args = new { contactId, userKey, now = time.GetUtcNow() };
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var cases = (await db.QueryAsync<string>(new CommandDefinition("""
            SELECT case_number FROM cases WHERE contact_id = @contactId ORDER BY id
            """, args, transaction, cancellationToken: cancellationToken))).ToList();
        await db.ExecuteAsync(new CommandDefinition("""
            DELETE FROM case_attachments WHERE case_id IN (SELECT id FROM cases WHERE contact_id = @contactId)
            """, args, transaction, cancellationToken: cancellationToken));
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE case_events SET before_json = NULL, after_json = NULL
            WHERE case_id IN (SELECT id FROM cases WHERE contact_id = @contactId)
              AND action NOT IN ('opened', 'status', 'claimed', 'assigned')
            """, args, transaction, cancellationToken: cancellationToken));
        await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO case_events (case_id, at, actor, action) SELECT id, @now, 'worker', 'personal_data_deleted' FROM cases WHERE contact_id = @contactId
            """, args, transaction, cancellationToken: cancellationToken));
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE cases SET reporter_name_enc = NULL, phone_enc = NULL, description_enc = NULL, follow_up_code_hash = NULL,
                   others_aware = NULL, contact_id = NULL, anonymous = 1, updated_at = @now, version = version + 1
            WHERE contact_id = @contactId
            """, args, transaction, cancellationToken: cancellationToken));
        foreach (var sql in (string[])[
            "DELETE FROM transcript WHERE contact_id = @contactId",
            "DELETE FROM worker_updates WHERE contact_id = @contactId",
            "DELETE FROM human_requests WHERE contact_id = @contactId",
            "DELETE FROM draft_evidence WHERE contact_id = @contactId",
            "DELETE FROM inbox WHERE sender_key = @userKey AND processed_at IS NOT NULL",
            "DELETE FROM outbox WHERE recipient_key = @userKey AND status <> 'pending'",
            "DELETE FROM contacts WHERE id = @contactId"])
        {
            await db.ExecuteAsync(new CommandDefinition(sql, args, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        return cases;
    }
}
