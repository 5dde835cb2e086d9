using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Central.Data.Storage;
using Dapper;

namespace Central.Data.Cases;

/// <summary>
/// Cases for the Protection Unit: opened by intake, worked by caseworkers. Every change is a case event (the audit
/// trail); changes made from the workspace carry the version the caseworker saw, and a stale one is refused.
/// Event details may quote the worker, so they are encrypted like the other personal fields.
/// </summary>
public sealed class CaseStore(Database database, PersonalDataCipher cipher, TimeProvider time)
{
    /// <summary>Opens the case, numbering it C-{year}-{nnnnn}; opening the same <see cref="NewCase.SourceKey"/> again returns the first.</summary>
    public async Task<OpenedCase> OpenAsync(NewCase report, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        if (await FindBySourceAsync(db, transaction, report.SourceKey, cancellationToken) is { } existing)
        {
            return existing with { Created = false };
        }
        var now = time.GetUtcNow();
        var number = await NextNumberAsync(db, transaction, now.Year, cancellationToken);
        var caseNumber = string.Create(CultureInfo.InvariantCulture, $"C-{now.Year}-{number:D5}");
        var id = await db.ExecuteScalarAsync<long>(new CommandDefinition(database.Sql(
            sqlite: """
                INSERT INTO cases (case_number, created_at, updated_at, channel, language, category, employer, employer_key, province,
                    sector, started, description_enc, workers_affected, others_aware, urgency, urgency_reasons, status, consent,
                    anonymous, contact_id, reporter_name_enc, phone_enc, follow_up_code_hash, source_key)
                VALUES (@caseNumber, @now, @now, @Channel, @Language, @categories, @Employer, @EmployerKey, @Province,
                    @Sector, @Started, @description, @WorkersAffected, @OthersAware, @urgency, @urgencyReasons, 'new', @Consent,
                    @Anonymous, @ContactId, @reporterName, @phone, @followUpHash, @SourceKey)
                RETURNING id
                """,
            sqlServer: """
                INSERT INTO cases (case_number, created_at, updated_at, channel, language, category, employer, employer_key, province,
                    sector, started, description_enc, workers_affected, others_aware, urgency, urgency_reasons, status, consent,
                    anonymous, contact_id, reporter_name_enc, phone_enc, follow_up_code_hash, source_key)
                OUTPUT inserted.id
                VALUES (@caseNumber, @now, @now, @Channel, @Language, @categories, @Employer, @EmployerKey, @Province,
                    @Sector, @Started, @description, @WorkersAffected, @OthersAware, @urgency, @urgencyReasons, N'new', @Consent,
                    @Anonymous, @ContactId, @reporterName, @phone, @followUpHash, @SourceKey)
                """),
            new
            {
                caseNumber, now, report.Channel, report.Language, categories = string.Join(',', report.Categories), report.Employer,
                report.EmployerKey, report.Province, report.Sector, report.Started, description = cipher.EncryptOrNull(report.Description),
                report.WorkersAffected, report.OthersAware, urgency = report.Urgent ? "urgent" : "normal",
                urgencyReasons = report.UrgencyReasons.Count == 0 ? null : string.Join(',', report.UrgencyReasons), report.Consent,
                report.Anonymous, report.ContactId, reporterName = cipher.EncryptOrNull(report.ReporterName), phone = cipher.EncryptOrNull(report.Phone),
                followUpHash = report.FollowUpCode is { } code ? FollowUpHash(caseNumber, code) : null, report.SourceKey,
            }, transaction, cancellationToken: cancellationToken));
        foreach (var attachment in report.Attachments)
        {
            await InsertAttachmentAsync(db, transaction, id, attachment, cancellationToken);
        }
        var moved = report.DraftEvidenceOf is { } owner ? await MoveDraftEvidenceAsync(db, transaction, id, owner, cancellationToken) : 0;
        await InsertEventAsync(db, transaction, id, "worker", "opened",
            null, new { report.Categories, urgent = report.Urgent, report.UrgencyReasons, attachments = report.Attachments.Count + moved }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new OpenedCase(id, caseNumber, Created: true);
    }

    public async Task<CaseRecord?> FindAsync(string caseNumber, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        var row = await db.QuerySingleOrDefaultAsync<CaseRow>(new CommandDefinition("""
            SELECT c.id AS Id, c.case_number AS CaseNumber, c.created_at AS CreatedAt, c.updated_at AS UpdatedAt, c.channel AS Channel,
                   c.language AS Language, c.category AS Category, c.employer AS Employer, c.employer_key AS EmployerKey,
                   c.province AS Province, c.sector AS Sector, c.started AS Started, c.description_enc AS DescriptionEnc,
                   c.workers_affected AS WorkersAffected, c.others_aware AS OthersAware, c.urgency AS Urgency,
                   c.urgency_reasons AS UrgencyReasons, c.status AS Status, c.assigned_to AS AssignedTo, w.name AS AssignedName,
                   c.consent AS Consent, c.anonymous AS Anonymous, c.contact_id AS ContactId, c.reporter_name_enc AS ReporterNameEnc,
                   c.phone_enc AS PhoneEnc, c.version AS Version
            FROM cases c LEFT JOIN caseworkers w ON w.id = c.assigned_to
            WHERE c.case_number = @caseNumber
            """, new { caseNumber = caseNumber.Trim().ToUpperInvariant() }, cancellationToken: cancellationToken));
        return row?.ToRecord(cipher);
    }

    public async Task<CaseRecord?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        var caseNumber = await db.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT case_number FROM cases WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return caseNumber is null ? null : await FindAsync(caseNumber, cancellationToken);
    }

    /// <summary>An anonymous reporter's way back to their case: the case number and the follow-up code they were given.</summary>
    public async Task<CaseRecord?> FindWithFollowUpCodeAsync(string caseNumber, string code, CancellationToken cancellationToken)
    {
        var normalized = caseNumber.Trim().ToUpperInvariant();
        await using var db = await database.OpenAsync(cancellationToken);
        var hash = await db.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT follow_up_code_hash FROM cases WHERE case_number = @normalized", new { normalized }, cancellationToken: cancellationToken));
        if (hash is null || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(hash), Convert.FromHexString(FollowUpHash(normalized, code.Trim()))))
        {
            return null;
        }
        return await FindAsync(normalized, cancellationToken);
    }

    /// <summary>The worker's own cases, newest first.</summary>
    public async Task<IReadOnlyList<CaseRecord>> ForContactAsync(long contactId, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        var numbers = await db.QueryAsync<string>(new CommandDefinition("""
            SELECT case_number FROM cases WHERE contact_id = @contactId ORDER BY id DESC
            """, new { contactId }, cancellationToken: cancellationToken));
        var cases = new List<CaseRecord>();
        foreach (var number in numbers)
        {
            cases.Add((await FindAsync(number, cancellationToken))!);
        }
        return cases;
    }

    /// <summary>Atomic: of any number of caseworkers claiming at once, exactly one wins; the others learn who.</summary>
    public async Task<ClaimResult> ClaimAsync(long caseId, int caseworkerId, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var won = await db.ExecuteAsync(new CommandDefinition("""
            UPDATE cases SET assigned_to = @caseworkerId, status = CASE WHEN status = 'new' THEN 'in_progress' ELSE status END,
                   updated_at = @now, version = version + 1
            WHERE id = @caseId AND assigned_to IS NULL
            """, new { caseId, caseworkerId, now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken)) == 1;
        if (won)
        {
            await InsertEventAsync(db, transaction, caseId, Actor(caseworkerId), "claimed", null, new { caseworkerId }, cancellationToken);
        }
        var holder = await db.QuerySingleAsync<(int? Id, string? Name)>(new CommandDefinition("""
            SELECT c.assigned_to, w.name FROM cases c LEFT JOIN caseworkers w ON w.id = c.assigned_to WHERE c.id = @caseId
            """, new { caseId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new ClaimResult(won, holder.Id, holder.Name);
    }

    /// <returns>False when the case changed since the caller read <paramref name="expectedVersion"/>.</returns>
    public async Task<bool> ChangeStatusAsync(long caseId, int expectedVersion, string status, string reason, string actor, CancellationToken cancellationToken)
    {
        if (!CaseStatus.All.Contains(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Not a case status.");
        }
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var before = await db.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT status FROM cases WHERE id = @caseId", new { caseId }, transaction, cancellationToken: cancellationToken));
        var changed = await db.ExecuteAsync(new CommandDefinition("""
            UPDATE cases SET status = @status, updated_at = @now, version = version + 1 WHERE id = @caseId AND version = @expectedVersion
            """, new { caseId, status, expectedVersion, now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken)) == 1;
        if (changed)
        {
            await InsertEventAsync(db, transaction, caseId, actor, "status", new { status = before }, new { status, reason }, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return changed;
    }

    /// <summary>Records something that happened on the case (a note, a reply, a referral, a view of personal data).</summary>
    public async Task AddEventAsync(long caseId, string actor, string action, object? details, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        await InsertEventAsync(db, transaction, caseId, actor, action, null, details, cancellationToken);
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE cases SET updated_at = @now WHERE id = @caseId
            """, new { caseId, now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CaseEvent>> EventsAsync(long caseId, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        var rows = await db.QueryAsync<EventRow>(new CommandDefinition("""
            SELECT id AS Id, at AS At, actor AS Actor, action AS Action, before_json AS BeforeJson, after_json AS AfterJson
            FROM case_events WHERE case_id = @caseId ORDER BY id
            """, new { caseId }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new CaseEvent(r.Id, r.At, r.Actor, r.Action, cipher.DecryptOrNull(r.BeforeJson), cipher.DecryptOrNull(r.AfterJson)))];
    }

    public async Task<long> AddAttachmentAsync(long caseId, NewAttachment attachment, string actor, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var id = await InsertAttachmentAsync(db, transaction, caseId, attachment, cancellationToken);
        await InsertEventAsync(db, transaction, caseId, actor, "evidence_added", null, new { attachment.Kind, attachment.ContentType }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<IReadOnlyList<CaseAttachment>> AttachmentsAsync(long caseId, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        var rows = await db.QueryAsync<AttachmentRow>(new CommandDefinition("""
            SELECT id AS Id, case_id AS CaseId, kind AS Kind, content_type AS ContentType, file_name AS FileName, size_bytes AS SizeBytes,
                   sha256 AS Sha256, received_at AS ReceivedAt
            FROM case_attachments WHERE case_id = @caseId ORDER BY id
            """, new { caseId }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new CaseAttachment(r.Id, r.CaseId, r.Kind, r.ContentType, r.FileName, r.SizeBytes, r.Sha256, r.ReceivedAt))];
    }

    /// <summary>The stored bytes of one piece of evidence, decrypted; null when it is not part of that case.</summary>
    public async Task<(CaseAttachment Attachment, byte[] Content)?> AttachmentContentAsync(long caseId, long attachmentId, CancellationToken cancellationToken)
    {
        var attachment = (await AttachmentsAsync(caseId, cancellationToken)).FirstOrDefault(a => a.Id == attachmentId);
        if (attachment is null)
        {
            return null;
        }
        await using var db = await database.OpenAsync(cancellationToken);
        var sealedBytes = await db.ExecuteScalarAsync<byte[]?>(new CommandDefinition("""
            SELECT content_enc FROM case_attachments WHERE id = @attachmentId AND case_id = @caseId
            """, new { attachmentId, caseId }, cancellationToken: cancellationToken));
        return sealedBytes is null ? null : (attachment, cipher.DecryptBytes(sealedBytes));
    }

    /// <summary>
    /// A supervisor gives the case to a caseworker (or takes it from whoever has it, with <paramref name="caseworkerId"/>
    /// null). Like a status change it carries the version the supervisor saw.
    /// </summary>
    /// <returns>False when the case changed since the caller read <paramref name="expectedVersion"/>.</returns>
    public async Task<bool> AssignAsync(long caseId, int expectedVersion, int? caseworkerId, string actor, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var before = await db.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT assigned_to FROM cases WHERE id = @caseId", new { caseId }, transaction, cancellationToken: cancellationToken));
        var changed = await db.ExecuteAsync(new CommandDefinition("""
            UPDATE cases SET assigned_to = @caseworkerId,
                   status = CASE WHEN status = 'new' AND @caseworkerId IS NOT NULL THEN 'in_progress' ELSE status END,
                   updated_at = @now, version = version + 1
            WHERE id = @caseId AND version = @expectedVersion
            """, new { caseId, caseworkerId, expectedVersion, now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken)) == 1;
        if (changed)
        {
            await InsertEventAsync(db, transaction, caseId, actor, "assigned", new { caseworkerId = before }, new { caseworkerId }, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return changed;
    }

    internal string FollowUpHash(string caseNumber, string code) => cipher.LookupKey($"follow-up:{caseNumber}:{code}");

    private static string Actor(int caseworkerId) => string.Create(CultureInfo.InvariantCulture, $"caseworker:{caseworkerId}");

    private async Task<OpenedCase?> FindBySourceAsync(DbConnection db, DbTransaction transaction, string sourceKey, CancellationToken cancellationToken)
    {
        var row = await db.QuerySingleOrDefaultAsync<(long Id, string CaseNumber)?>(new CommandDefinition("""
            SELECT id, case_number FROM cases WHERE source_key = @sourceKey
            """, new { sourceKey }, transaction, cancellationToken: cancellationToken));
        return row is { } found ? new OpenedCase(found.Id, found.CaseNumber, Created: false) : null;
    }

    private async Task<int> NextNumberAsync(DbConnection db, DbTransaction transaction, int year, CancellationToken cancellationToken) =>
        await db.ExecuteScalarAsync<int>(new CommandDefinition(database.Sql(
            sqlite: """
                INSERT INTO case_numbers (year, last_value) VALUES (@year, 1)
                ON CONFLICT (year) DO UPDATE SET last_value = last_value + 1
                RETURNING last_value
                """,
            sqlServer: """
                MERGE case_numbers WITH (HOLDLOCK) AS n
                USING (SELECT @year AS year) AS s ON n.year = s.year
                WHEN MATCHED THEN UPDATE SET last_value = n.last_value + 1
                WHEN NOT MATCHED THEN INSERT (year, last_value) VALUES (@year, 1)
                OUTPUT inserted.last_value;
                """), new { year }, transaction, cancellationToken: cancellationToken));

    private async Task<long> InsertAttachmentAsync(DbConnection db, DbTransaction transaction, long caseId, NewAttachment attachment, CancellationToken cancellationToken)
    {
        var args = new
        {
            caseId, attachment.Kind, attachment.ContentType, attachment.FileName, attachment.SourceUrl,
            content = attachment.Content is { } bytes ? cipher.EncryptBytes(bytes) : null,
            size = attachment.Content?.LongLength,
            sha256 = attachment.Content is { } data ? Convert.ToHexStringLower(SHA256.HashData(data)) : null,
            attachment.ReceivedAt,
        };
        return await db.ExecuteScalarAsync<long>(new CommandDefinition(database.Sql(
            sqlite: """
                INSERT INTO case_attachments (case_id, kind, content_type, file_name, source_url, content_enc, size_bytes, sha256, received_at)
                VALUES (@caseId, @Kind, @ContentType, @FileName, @SourceUrl, @content, @size, @sha256, @ReceivedAt)
                RETURNING id
                """,
            sqlServer: """
                INSERT INTO case_attachments (case_id, kind, content_type, file_name, source_url, content_enc, size_bytes, sha256, received_at)
                OUTPUT inserted.id
                VALUES (@caseId, @Kind, @ContentType, @FileName, @SourceUrl, @content, @size, @sha256, @ReceivedAt)
                """), args, transaction, cancellationToken: cancellationToken));
    }

    private static async Task<int> MoveDraftEvidenceAsync(DbConnection db, DbTransaction transaction, long caseId, long contactId, CancellationToken cancellationToken)
    {
        var moved = await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO case_attachments (case_id, kind, content_type, file_name, source_url, content_enc, size_bytes, sha256, received_at)
            SELECT @caseId, kind, content_type, file_name, source_url, content_enc, size_bytes, sha256, received_at
            FROM draft_evidence WHERE contact_id = @contactId ORDER BY id
            """, new { caseId, contactId }, transaction, cancellationToken: cancellationToken));
        await db.ExecuteAsync(new CommandDefinition("""
            DELETE FROM draft_evidence WHERE contact_id = @contactId
            """, new { contactId }, transaction, cancellationToken: cancellationToken));
        return moved;
    }

    private async Task InsertEventAsync(DbConnection db, DbTransaction transaction, long caseId, string actor, string action,
        object? before, object? after, CancellationToken cancellationToken) =>
        await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO case_events (case_id, at, actor, action, before_json, after_json) VALUES (@caseId, @now, @actor, @action, @before, @after)
            """, new
        {
            caseId, now = time.GetUtcNow(), actor, action,
            before = before is null ? null : cipher.Encrypt(JsonSerializer.Serialize(before)),
            after = after is null ? null : cipher.Encrypt(JsonSerializer.Serialize(after)),
        }, transaction, cancellationToken: cancellationToken));

    private sealed class CaseRow
    {
        public long Id { get; init; }
        public string CaseNumber { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
        public string Channel { get; init; } = "";
        public string Language { get; init; } = "";
        public string Category { get; init; } = "";
        public string? Employer { get; init; }
        public string? EmployerKey { get; init; }
        public string? Province { get; init; }
        public string? Sector { get; init; }
        public string? Started { get; init; }
        public string? DescriptionEnc { get; init; }
        public int? WorkersAffected { get; init; }
        public string? OthersAware { get; init; }
        public string Urgency { get; init; } = "normal";
        public string? UrgencyReasons { get; init; }
        public string Status { get; init; } = "";
        public int? AssignedTo { get; init; }
        public string? AssignedName { get; init; }
        public bool Consent { get; init; }
        public bool Anonymous { get; init; }
        public long? ContactId { get; init; }
        public string? ReporterNameEnc { get; init; }
        public string? PhoneEnc { get; init; }
        public int Version { get; init; }

        public CaseRecord ToRecord(PersonalDataCipher cipher) => new()
        {
            Id = Id, CaseNumber = CaseNumber, CreatedAt = CreatedAt, UpdatedAt = UpdatedAt, Channel = Channel, Language = Language,
            Categories = Split(Category), Employer = Employer, EmployerKey = EmployerKey, Province = Province, Sector = Sector,
            Started = Started, Description = cipher.DecryptOrNull(DescriptionEnc), WorkersAffected = WorkersAffected,
            OthersAware = OthersAware, Urgent = Urgency == "urgent", UrgencyReasons = Split(UrgencyReasons), Status = Status,
            AssignedTo = AssignedTo, AssignedName = AssignedName, Consent = Consent, Anonymous = Anonymous, ContactId = ContactId,
            ReporterName = cipher.DecryptOrNull(ReporterNameEnc), Phone = cipher.DecryptOrNull(PhoneEnc), Version = Version,
        };

        private static string[] Split(string? list) => string.IsNullOrEmpty(list) ? [] : list.Split(',');
    }

    private sealed class EventRow
    {
        public long Id { get; init; }
        public DateTimeOffset At { get; init; }
        public string Actor { get; init; } = "";
        public string Action { get; init; } = "";
        public string? BeforeJson { get; init; }
        public string? AfterJson { get; init; }
    }

    private sealed class AttachmentRow
    {
        public long Id { get; init; }
        public long CaseId { get; init; }
        public string Kind { get; init; } = "";
        public string? ContentType { get; init; }
        public string? FileName { get; init; }
        public long? SizeBytes { get; init; }
        public string? Sha256 { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
    }
}
