using System.Security.Cryptography;
using Central.Data.Storage;
using Dapper;

namespace Central.Data.Cases;

/// <summary>
/// Files a worker sent while their report is still a draft, kept encrypted until <see cref="CaseStore.OpenAsync"/>
/// moves them into the case (<see cref="NewCase.DraftEvidenceOf"/>) or the draft is dropped.
/// </summary>
public sealed class DraftEvidenceStore(Database database, PersonalDataCipher cipher)
{
    public async Task<long> AddAsync(long contactId, NewAttachment file, CancellationToken cancellationToken)
    {
        var args = new
        {
            contactId, file.Kind, file.ContentType, file.FileName, file.SourceUrl,
            content = file.Content is { } bytes ? cipher.EncryptBytes(bytes) : null,
            size = file.Content?.LongLength,
            sha256 = file.Content is { } data ? Convert.ToHexStringLower(SHA256.HashData(data)) : null,
            file.ReceivedAt,
        };
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        return await db.ExecuteScalarAsync<long>(new CommandDefinition(database.Sql(
            sqlite: """
                INSERT INTO draft_evidence (contact_id, kind, content_type, file_name, source_url, content_enc, size_bytes, sha256, received_at)
                VALUES (@contactId, @Kind, @ContentType, @FileName, @SourceUrl, @content, @size, @sha256, @ReceivedAt)
                RETURNING id
                """,
            sqlServer: """
                INSERT INTO draft_evidence (contact_id, kind, content_type, file_name, source_url, content_enc, size_bytes, sha256, received_at)
                OUTPUT inserted.id
                VALUES (@contactId, @Kind, @ContentType, @FileName, @SourceUrl, @content, @size, @sha256, @ReceivedAt)
                """), args, cancellationToken: cancellationToken));
    }

    public async Task<int> CountAsync(long contactId, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        return await db.ExecuteScalarAsync<int>(new CommandDefinition("""
            SELECT COUNT(*) FROM draft_evidence WHERE contact_id = @contactId
            """, new { contactId }, cancellationToken: cancellationToken));
    }

    public async Task DropAsync(long contactId, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition("""
            DELETE FROM draft_evidence WHERE contact_id = @contactId
            """, new { contactId }, cancellationToken: cancellationToken));
    }
}
