using System.Globalization;
using Central.Data.Storage;
using Dapper;

namespace Central.Data.Translation;

/// <summary>Translations already paid for, by a keyed hash of the text (the text itself is never stored in clear), and usage per month.</summary>
public sealed class TranslationStore(Database database, PersonalDataCipher cipher, TimeProvider time)
{
    public async Task<string?> FindAsync(string text, string from, string to, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        var found = await db.ExecuteScalarAsync<string?>(new CommandDefinition("""
            SELECT result_enc FROM translations WHERE text_hash = @hash AND from_lang = @from AND to_lang = @to
            """, new { hash = Hash(text), from, to }, cancellationToken: cancellationToken));
        return cipher.DecryptOrNull(found);
    }

    public async Task SaveAsync(string text, string from, string to, string result, CancellationToken cancellationToken)
    {
        var args = new { hash = Hash(text), from, to, result = cipher.Encrypt(result), now = time.GetUtcNow() };
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition(database.Sql(
            sqlite: """
                INSERT INTO translations (text_hash, from_lang, to_lang, result_enc, created_at) VALUES (@hash, @from, @to, @result, @now)
                ON CONFLICT (text_hash, from_lang, to_lang) DO NOTHING
                """,
            sqlServer: """
                INSERT INTO translations (text_hash, from_lang, to_lang, result_enc, created_at)
                SELECT @hash, @from, @to, @result, @now
                WHERE NOT EXISTS (SELECT 1 FROM translations WITH (UPDLOCK, HOLDLOCK) WHERE text_hash = @hash AND from_lang = @from AND to_lang = @to)
                """), args, cancellationToken: cancellationToken));
    }

    /// <summary>Adds <paramref name="characters"/> to this month's count (what Azure bills).</summary>
    public async Task CountAsync(long characters, CancellationToken cancellationToken)
    {
        var month = time.GetUtcNow().ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition(database.Sql(
            sqlite: """
                INSERT INTO translator_usage (month, characters) VALUES (@month, @characters)
                ON CONFLICT (month) DO UPDATE SET characters = characters + excluded.characters
                """,
            sqlServer: """
                MERGE translator_usage WITH (HOLDLOCK) AS u
                USING (SELECT @month AS month) AS s ON u.month = s.month
                WHEN MATCHED THEN UPDATE SET characters = u.characters + @characters
                WHEN NOT MATCHED THEN INSERT (month, characters) VALUES (@month, @characters);
                """), new { month, characters }, cancellationToken: cancellationToken));
    }

    public async Task<long> CharactersThisMonthAsync(CancellationToken cancellationToken)
    {
        var month = time.GetUtcNow().ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await using var db = await database.OpenAsync(cancellationToken);
        return await db.ExecuteScalarAsync<long?>(new CommandDefinition("""
            SELECT characters FROM translator_usage WHERE month = @month
            """, new { month }, cancellationToken: cancellationToken)) ?? 0;
    }

    private string Hash(string text) => cipher.LookupKey("translation:" + text);
}
