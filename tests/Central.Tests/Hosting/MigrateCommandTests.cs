using System.Diagnostics;
using Central.Data.Storage;
using Microsoft.Data.Sqlite;

namespace Central.Tests.Hosting;

/// <summary>
/// <c>dotnet Central.Bot.dll migrate</c> as an operator or a release pipeline runs it: the schema applied, its version
/// printed, and the process gone again without serving anything.
/// </summary>
public sealed class MigrateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("central-migrate-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DatabaseFile => Path.Combine(_folder, "central.db");

    private static int LatestVersion => new Migrations(new Database(SqlDialect.Sqlite, "Data Source=:memory:")).LatestVersion;

    // Numbers may leave gaps (features take distinct ranges so parallel branches do not collide), so: every one there is.
    private static IEnumerable<int> AllVersions => new Migrations(new Database(SqlDialect.Sqlite, "Data Source=:memory:")).All.Select(m => m.Version);

    [Fact]
    public async Task Migrate_on_a_fresh_database_applies_every_migration_prints_the_version_and_exits()
    {
        var (exitCode, output) = await MigrateAsync();

        Assert.Equal(0, exitCode);
        Assert.Contains($"The Sqlite database is at schema version {LatestVersion}, the latest this build has.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", output, StringComparison.Ordinal);
        Assert.Equal(AllVersions, await RecordedVersionsAsync());
    }

    [Fact]
    public async Task Migrate_twice_changes_nothing_the_second_time()
    {
        await MigrateAsync();

        var (exitCode, output) = await MigrateAsync();

        Assert.Equal(0, exitCode);
        Assert.Contains($"schema version {LatestVersion}", output, StringComparison.Ordinal);
        Assert.Equal(AllVersions, await RecordedVersionsAsync());
    }

    [Fact]
    public async Task A_database_from_a_newer_release_is_refused_with_one_line()
    {
        await MigrateAsync();
        await using (var db = new SqliteConnection($"Data Source={DatabaseFile};Pooling=false"))
        {
            await db.OpenAsync(Ct);
            await using var insert = new SqliteCommand($"INSERT INTO schema_versions (version, name, applied_at) VALUES ({LatestVersion + 1}, 'from_the_future', '2030-01-01T00:00:00Z')", db);
            await insert.ExecuteNonQueryAsync(Ct);
        }

        var (exitCode, output) = await MigrateAsync();

        Assert.Equal(1, exitCode);
        Assert.Contains($"schema version {LatestVersion + 1}, but this build knows only up to {LatestVersion}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_that_cannot_be_opened_gives_one_clear_line_and_exit_code_1()
    {
        await File.WriteAllTextAsync(DatabaseFile, new string('x', 8192), Ct);

        var (exitCode, output) = await MigrateAsync();

        Assert.Equal(1, exitCode);
        Assert.Contains("Central could not run migrate: Could not open the SQLite file", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    /// <summary>Runs the command as in production: Production environment, settings from environment variables.</summary>
    private async Task<(int ExitCode, string Output)> MigrateAsync()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Central.Bot.dll"), "migrate"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Central"] = $"Data Source={DatabaseFile}";
        start.Environment["PersonalData__Key"] = Convert.ToBase64String(PersonalDataCipher.NewKey());
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private async Task<List<int>> RecordedVersionsAsync()
    {
        await using var db = new SqliteConnection($"Data Source={DatabaseFile};Mode=ReadOnly;Pooling=false");
        await db.OpenAsync(Ct);
        await using var command = new SqliteCommand("SELECT version FROM schema_versions ORDER BY version", db);
        var versions = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            versions.Add(reader.GetInt32(0));
        }
        return versions;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
