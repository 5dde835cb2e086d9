using Microsoft.Data.Sqlite;

namespace Central.Tests.Hosting;

/// <summary>The embedded default as a newcomer meets it, and the one clear line a wrong setting earns.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("central-startup-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_fresh_folder_gets_a_database_with_its_schema_and_is_ready()
    {
        await using var service = ServiceProcess.Start(_folder, new Dictionary<string, string>());

        await service.WaitUntilReadyAsync(Ct);

        var file = Path.Combine(_folder, "App_Data", "central.db");
        Assert.True(File.Exists(file));
        await using var db = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=false");
        await db.OpenAsync(Ct);
        await using var command = new SqliteCommand("SELECT name FROM sqlite_master WHERE type = 'table'", db);
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                tables.Add(reader.GetString(0));
            }
        }
        Assert.Superset(new HashSet<string> { "cases", "case_events", "case_attachments", "contacts", "conversation_state", "inbox", "outbox", "caseworkers", "schema_versions" }, tables.ToHashSet());
    }

    [Fact]
    public async Task The_service_answers_before_it_has_read_what_English_questions_mean()
    {
        await using var service = ServiceProcess.Start(_folder, new Dictionary<string, string> { ["Knowledge__MatchEnglishMeaning"] = "true" });

        await service.WaitUntilReadyAsync(Ct);
        await service.WaitForOutputAsync("matched by meaning as well as words", Ct);

        var output = service.Output;
        Assert.InRange(output.IndexOf("Now listening on", StringComparison.Ordinal), 0, output.IndexOf("matched by meaning", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_corrupt_database_file_stops_start_up_with_one_clear_line()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "App_Data"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "App_Data", "central.db"), new string('x', 8192), Ct);

        var output = await FailedStartAsync(new Dictionary<string, string>());

        Assert.Contains("Central could not start: Could not open the SQLite file", output, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Central", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_connection_string_is_named()
    {
        var output = await FailedStartAsync(new Dictionary<string, string>
        {
            ["Database__Provider"] = "SqlServer",
            ["ConnectionStrings__Central"] = "this is not a connection string",
        });

        Assert.Contains("Central could not start: ConnectionStrings:Central is not a valid SqlServer connection string", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_provider_is_named()
    {
        var output = await FailedStartAsync(new Dictionary<string, string> { ["Database__Provider"] = "Postgres" });

        Assert.Contains("Central could not start: Database:Provider is 'Postgres'; it must be 'Sqlite' or 'SqlServer'.", output, StringComparison.Ordinal);
    }

    private async Task<string> FailedStartAsync(IReadOnlyDictionary<string, string> settings)
    {
        await using var service = ServiceProcess.Start(_folder, settings);

        var exitCode = await service.WaitForExitAsync(Ct);

        Assert.Equal(1, exitCode);
        Assert.DoesNotContain("   at ", service.Output, StringComparison.Ordinal);
        return service.Output;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
