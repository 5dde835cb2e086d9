using Central.Data.Storage;
using Dapper;

namespace Central.Tests.Storage;

public abstract class MigrationTests(SqlDialect dialect) : StorageSuite(dialect)
{
    [Fact]
    public async Task Applying_twice_changes_nothing_the_second_time()
    {
        var migrations = new Migrations(Database);

        var again = await migrations.ApplyAsync(TestContext.Current.CancellationToken);

        Assert.Empty(again);
        Assert.Equal(migrations.LatestVersion, await migrations.CurrentVersionAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Every_migration_is_recorded_with_its_name()
    {
        await using var db = await Database.OpenAsync(TestContext.Current.CancellationToken);

        var recorded = (await db.QueryAsync<(int Version, string Name)>("SELECT version, name FROM schema_versions ORDER BY version")).ToList();

        Assert.Equal(new Migrations(Database).All.Select(m => (m.Version, m.Name)), recorded);
    }

    [Fact]
    public async Task Khmer_text_round_trips_byte_for_byte()
    {
        const string khmer = "ថៅកែមិនបើកប្រាក់ខែ ៣ខែហើយ — រោងចក្រ​កាត់ដេរ"; // includes a zero-width space
        await using var db = await Database.OpenAsync(TestContext.Current.CancellationToken);
        await db.ExecuteAsync("""
            INSERT INTO conversation_state (state_key, data_enc, etag, updated_at) VALUES (@key, @khmer, @etag, @now)
            """, new { key = khmer, khmer, etag = "e", now = TimeProvider.System.GetUtcNow() });

        var read = await db.QuerySingleAsync<string>("SELECT data_enc FROM conversation_state WHERE state_key = @khmer", new { khmer });

        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(khmer), System.Text.Encoding.UTF8.GetBytes(read));
    }
}

public sealed class SqliteMigrationTests() : MigrationTests(SqlDialect.Sqlite);

public sealed class SqlServerMigrationTests() : MigrationTests(SqlDialect.SqlServer);

public sealed class FailedMigrationTests
{
    [Fact]
    public async Task A_failing_migration_leaves_the_database_as_it_was()
    {
        await using var test = new SqliteTestDatabase();
        var good = new Migrations(test.Database);
        var broken = good.All.Append(new Migration(9999, "broken", "CREATE TABLE later_table (id INTEGER); THIS IS NOT SQL;")).ToList();

        var failure = await Assert.ThrowsAsync<MigrationFailedException>(() =>
            Migrations.ApplyAsync(test.Database, broken, TestContext.Current.CancellationToken));

        Assert.Equal(9999, failure.Migration.Version);
        await using var db = await test.Database.OpenAsync(TestContext.Current.CancellationToken);
        var tables = (await db.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'")).ToList();
        Assert.DoesNotContain("later_table", tables);
        Assert.DoesNotContain("cases", tables);
    }
}
