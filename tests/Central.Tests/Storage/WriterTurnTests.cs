using Central.Data.Storage;
using Dapper;

namespace Central.Tests.Storage;

/// <summary>SQLite writers in one process take turns in the process instead of sleeping in SQLite's busy handler.</summary>
public sealed class WriterTurnTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_hundred_concurrent_writes_all_land_and_none_waits_forever()
    {
        await using var test = await TestDatabase.CreateAsync(SqlDialect.Sqlite);
        var database = test.Database;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));

        await Parallel.ForAsync(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = deadline.Token }, async (i, ct) =>
        {
            await using var db = await database.OpenForWriteAsync(ct);
            await using var transaction = await db.BeginTransactionAsync(ct);
            await db.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_versions (version, name, applied_at) VALUES (@version, 'writer_turn', @now)",
                new { version = 10_000 + i, now = DateTimeOffset.UnixEpoch }, transaction, cancellationToken: ct));
            await transaction.CommitAsync(ct);
        });

        await using var reader = await database.OpenAsync(Ct);
        Assert.Equal(200, await reader.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM schema_versions WHERE name = 'writer_turn'"));
    }

    [Fact]
    public async Task A_write_connection_that_fails_to_open_gives_the_turn_back()
    {
        var missing = Path.Combine(Path.GetTempPath(), "central-no-such-folder-" + Guid.NewGuid().ToString("N"), "central.db");
        var database = new Database(SqlDialect.Sqlite, $"Data Source={missing};Mode=ReadWrite");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));

        // The second try fails the same way instead of waiting for a turn the first one never gave back.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => database.OpenForWriteAsync(deadline.Token));
        }
    }

    [Fact]
    public async Task An_acknowledgement_writes_before_background_writers_that_queued_earlier()
    {
        await using var test = await TestDatabase.CreateAsync(SqlDialect.Sqlite);
        var database = test.Database;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        var order = new System.Collections.Concurrent.ConcurrentQueue<string>();

        var holder = await database.OpenForWriteAsync(deadline.Token);
        var background = Enumerable.Range(1, 5).Select(i => WriteAsync($"background {i}", acknowledging: false)).ToList();
        await Task.Delay(100, deadline.Token);
        var acknowledgement = WriteAsync("acknowledgement", acknowledging: true);
        await Task.Delay(100, deadline.Token);
        await holder.DisposeAsync();
        await Task.WhenAll([.. background, acknowledgement]);

        // The five background writers wait in the background lane behind the one writing; the acknowledgement waits only
        // for that one.
        Assert.Equal(6, order.Count);
        Assert.Equal("acknowledgement", order.First());

        async Task WriteAsync(string who, bool acknowledging)
        {
            await using var db = await database.OpenForWriteAsync(deadline.Token, acknowledging);
            order.Enqueue(who);
        }
    }
}
