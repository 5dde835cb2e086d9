using Central.Data.Storage;
using Dapper;

namespace Central.Data.Audit;

public sealed record AuditEntry
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public string Actor { get; init; } = "";
    public string Action { get; init; } = "";
    public string? Subject { get; init; }
    public string? Detail { get; init; }
}

/// <summary>
/// What people did outside a single case (sign-ins, exports, accounts, data deletion). Case work itself is audited
/// as case events. Never put personal data in <c>detail</c>: it is stored in clear for auditors.
/// </summary>
public sealed class AuditLog(Database database, TimeProvider time)
{
    public async Task WriteAsync(string actor, string action, string? subject, string? detail, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (@now, @actor, @action, @subject, @detail)
            """, new { now = time.GetUtcNow(), actor, action, subject, detail }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<AuditEntry>> RecentAsync(int max, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        return [.. await db.QueryAsync<AuditEntry>(new CommandDefinition(database.Sql(
            sqlite: """
                SELECT id AS Id, at AS At, actor AS Actor, action AS Action, subject AS Subject, detail AS Detail
                FROM audit_log ORDER BY id DESC LIMIT @max
                """,
            sqlServer: """
                SELECT TOP (@max) id AS Id, at AS At, actor AS Actor, action AS Action, subject AS Subject, detail AS Detail
                FROM audit_log ORDER BY id DESC
                """), new { max }, cancellationToken: cancellationToken))];
    }
}
