using Central.Data.Storage;
using Dapper;

namespace Central.Data.Caseworkers;

public static class CaseworkerRole
{
    public const string Caseworker = "caseworker";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Caseworker, Supervisor, Admin];
}

// Settable properties, not a positional record: SQLite hands back times as text, which only Dapper's type handler reads.
public sealed record Caseworker
{
    public int Id { get; init; }
    public string Email { get; init; } = "";
    public string Name { get; init; } = "";
    public string Role { get; init; } = "";
    public string PasswordHash { get; init; } = "";
    public int FailedSignIns { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public bool Disabled { get; init; }
    public string? SessionStamp { get; init; }
    public DateTimeOffset? LastSignInAt { get; init; }
}

/// <summary>Caseworker accounts. Passwords arrive hashed (the host owns the hasher); lockout is counted here.</summary>
public sealed class CaseworkerStore(Database database, TimeProvider time)
{
    /// <returns>The new account's id, or null when the e-mail address is taken.</returns>
    public async Task<int?> AddAsync(string email, string name, string role, string passwordHash, CancellationToken cancellationToken)
    {
        if (!CaseworkerRole.All.Contains(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "The role must be caseworker, supervisor or admin.");
        }
        var args = new { email = email.Trim().ToLowerInvariant(), name = name.Trim(), role, passwordHash, now = time.GetUtcNow() };
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        return await db.ExecuteScalarAsync<int?>(new CommandDefinition(database.Sql(
            sqlite: """
                INSERT INTO caseworkers (email, name, role, password_hash, created_at) VALUES (@email, @name, @role, @passwordHash, @now)
                ON CONFLICT (email) DO NOTHING
                RETURNING id
                """,
            sqlServer: """
                INSERT INTO caseworkers (email, name, role, password_hash, created_at)
                OUTPUT inserted.id
                SELECT @email, @name, @role, @passwordHash, @now
                WHERE NOT EXISTS (SELECT 1 FROM caseworkers WITH (UPDLOCK, HOLDLOCK) WHERE email = @email)
                """), args, cancellationToken: cancellationToken));
    }

    public async Task<Caseworker?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        return await db.QuerySingleOrDefaultAsync<Caseworker>(new CommandDefinition("""
            SELECT id AS Id, email AS Email, name AS Name, role AS Role, password_hash AS PasswordHash, failed_sign_ins AS FailedSignIns,
                   locked_until AS LockedUntil, disabled AS Disabled, session_stamp AS SessionStamp, last_sign_in_at AS LastSignInAt
            FROM caseworkers WHERE email = @email
            """, new { email = email.Trim().ToLowerInvariant() }, cancellationToken: cancellationToken));
    }

    public async Task<Caseworker?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        return await db.QuerySingleOrDefaultAsync<Caseworker>(new CommandDefinition("""
            SELECT id AS Id, email AS Email, name AS Name, role AS Role, password_hash AS PasswordHash, failed_sign_ins AS FailedSignIns,
                   locked_until AS LockedUntil, disabled AS Disabled, session_stamp AS SessionStamp, last_sign_in_at AS LastSignInAt
            FROM caseworkers WHERE id = @id
            """, new { id }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<Caseworker>> AllAsync(CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        return [.. await db.QueryAsync<Caseworker>(new CommandDefinition("""
            SELECT id AS Id, email AS Email, name AS Name, role AS Role, password_hash AS PasswordHash, failed_sign_ins AS FailedSignIns,
                   locked_until AS LockedUntil, disabled AS Disabled, session_stamp AS SessionStamp, last_sign_in_at AS LastSignInAt
            FROM caseworkers ORDER BY name
            """, cancellationToken: cancellationToken))];
    }

    /// <summary>Counts a failed sign-in; the <paramref name="limit"/>-th in a row locks the account for <paramref name="lockout"/>.</summary>
    public async Task RecordFailedSignInAsync(int id, int limit, TimeSpan lockout, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE caseworkers
            SET failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= @limit THEN 0 ELSE failed_sign_ins + 1 END,
                locked_until = CASE WHEN failed_sign_ins + 1 >= @limit THEN @lockedUntil ELSE locked_until END
            WHERE id = @id
            """, new { id, limit, lockedUntil = now + lockout }, cancellationToken: cancellationToken));
    }

    public async Task RecordSignInAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE caseworkers SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = @now WHERE id = @id
            """, new { id, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>A new password; the account's open sessions end (its session stamp changes).</summary>
    public async Task SetPasswordHashAsync(int id, string passwordHash, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE caseworkers SET password_hash = @passwordHash, session_stamp = @stamp WHERE id = @id
            """, new { id, passwordHash, stamp = NewStamp() }, cancellationToken: cancellationToken));
    }

    /// <summary>Rehashing with a stronger setting on sign-in: the same password, so sessions go on.</summary>
    public async Task UpgradePasswordHashAsync(int id, string passwordHash, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE caseworkers SET password_hash = @passwordHash WHERE id = @id
            """, new { id, passwordHash }, cancellationToken: cancellationToken));
    }

    /// <summary>A new role; the account's open sessions end so the new role applies at once.</summary>
    public async Task SetRoleAsync(int id, string role, CancellationToken cancellationToken)
    {
        if (!CaseworkerRole.All.Contains(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "The role must be caseworker, supervisor or admin.");
        }
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE caseworkers SET role = @role, session_stamp = @stamp WHERE id = @id
            """, new { id, role, stamp = NewStamp() }, cancellationToken: cancellationToken));
    }

    /// <summary>Disables (or enables again) an account; a disabled account's sessions end at its next request.</summary>
    public async Task SetDisabledAsync(int id, bool disabled, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE caseworkers SET disabled = @disabled, session_stamp = @stamp WHERE id = @id
            """, new { id, disabled, stamp = NewStamp() }, cancellationToken: cancellationToken));
    }

    /// <summary>Lifts a lockout early (an admin who knows the person asking).</summary>
    public async Task UnlockAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE caseworkers SET failed_sign_ins = 0, locked_until = NULL WHERE id = @id
            """, new { id }, cancellationToken: cancellationToken));
    }

    private static string NewStamp() => Guid.NewGuid().ToString("N");
}
