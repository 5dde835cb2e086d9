using System.Data.Common;
using Central.Data.Storage;
using Dapper;

namespace Central.Data.Contacts;

public sealed record TranscriptLine(long Id, DateTimeOffset At, string Direction, string Author, string Text);

/// <summary>One line to add to a worker's transcript.</summary>
public sealed record TranscriptEntry(string Direction, string Author, string Text);

/// <summary>
/// What the worker and Central said to each other, for the caseworker who picks up the case. Encrypted at rest and
/// deleted with the worker's data.
/// </summary>
public sealed class TranscriptStore(Database database, PersonalDataCipher cipher, TimeProvider time)
{
    public const string In = "in";
    public const string Out = "out";

    public async Task AppendAsync(long contactId, IReadOnlyList<TranscriptEntry> lines, CancellationToken cancellationToken)
    {
        if (lines.Count == 0)
        {
            return;
        }
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        await InsertAsync(cipher, time, db, transaction, contactId, lines, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Adds lines inside a caller's transaction (a turn's completion).</summary>
    internal static async Task InsertAsync(PersonalDataCipher cipher, TimeProvider time, DbConnection db, DbTransaction transaction,
        long contactId, IReadOnlyList<TranscriptEntry> lines, CancellationToken cancellationToken)
    {
        if (lines.Count == 0)
        {
            return;
        }
        var now = time.GetUtcNow();
        await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO transcript (contact_id, at, direction, author, text_enc) VALUES (@contactId, @now, @Direction, @Author, @textEnc)
            """, lines.Select(l => new { contactId, now, l.Direction, l.Author, textEnc = cipher.Encrypt(l.Text) }), transaction,
            cancellationToken: cancellationToken));
    }

    /// <summary>Forgets what was said since <paramref name="since"/> (a report the worker would not let us keep).</summary>
    public async Task DeleteSinceAsync(long contactId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition("""
            DELETE FROM transcript WHERE contact_id = @contactId AND at >= @since
            """, new { contactId, since }, cancellationToken: cancellationToken));
    }

    /// <summary>The newest <paramref name="max"/> lines, oldest first.</summary>
    public async Task<IReadOnlyList<TranscriptLine>> RecentAsync(long contactId, int max, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        var rows = await db.QueryAsync<Row>(new CommandDefinition(database.Sql(
            sqlite: """
                SELECT id AS Id, at AS At, direction AS Direction, author AS Author, text_enc AS TextEnc
                FROM transcript WHERE contact_id = @contactId ORDER BY id DESC LIMIT @max
                """,
            sqlServer: """
                SELECT TOP (@max) id AS Id, at AS At, direction AS Direction, author AS Author, text_enc AS TextEnc
                FROM transcript WHERE contact_id = @contactId ORDER BY id DESC
                """), new { contactId, max }, cancellationToken: cancellationToken));
        return [.. rows.Reverse().Select(r => new TranscriptLine(r.Id, r.At, r.Direction, r.Author, cipher.Decrypt(r.TextEnc)))];
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public DateTimeOffset At { get; init; }
        public string Direction { get; init; } = "";
        public string Author { get; init; } = "";
        public string TextEnc { get; init; } = "";
    }
}
