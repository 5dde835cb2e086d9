using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Central.Data.Storage;

public enum SqlDialect { Sqlite, SqlServer }

/// <summary>
/// The one way into the database: opens connections for the configured dialect and says which
/// dialect it is, so a store can pick between its two SQL strings where they differ.
/// </summary>
public sealed class Database
{
    static Database() => SqlTime.Register();

    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Tuned = new();

    private readonly string _connectionString;

    // SQLite has one writer at a time. Left to its busy handler, a writer that finds the lock taken sleeps 1, 2, 5 …
    // 100 ms between tries, so under a burst most of a message's time was spent asleep. Writers in this process
    // queue here instead and go the moment the lock is free; other processes on the file still meet the busy handler.
    private readonly SemaphoreSlim? _writer;

    // A webhook waiting to acknowledge a message goes straight to the writer turn; every other writer first takes the
    // one place of the background lane, so an acknowledgement waits for the write in progress and at most one more,
    // not behind every turn a burst has queued (acknowledgement p99 was 27-66 ms with the writer 85-90 % busy).
    private readonly SemaphoreSlim? _background;

    public Database(SqlDialect dialect, string connectionString)
    {
        Dialect = dialect;
        _connectionString = dialect == SqlDialect.Sqlite ? TuneSqlite(connectionString) : connectionString;
        _writer = dialect == SqlDialect.Sqlite ? new SemaphoreSlim(1, 1) : null;
        _background = dialect == SqlDialect.Sqlite ? new SemaphoreSlim(1, 1) : null;
    }

    public SqlDialect Dialect { get; }

    /// <summary>Picks the SQL string for this database's dialect.</summary>
    public string Sql(string sqlite, string sqlServer) => Dialect == SqlDialect.Sqlite ? sqlite : sqlServer;

    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        OpenAsync(Dialect == SqlDialect.Sqlite ? new SqliteConnection(_connectionString) : new SqlConnection(_connectionString), cancellationToken);

    /// <summary>
    /// A connection for a short write (a statement or a transaction, no waiting on anything else while it is open):
    /// on SQLite it holds this process's writer turn until it is disposed. Never open a second one inside it.
    /// <paramref name="acknowledging"/>: the write a caller is waiting on to answer (a webhook's inbox insert); it
    /// goes ahead of background work.
    /// </summary>
    public async Task<DbConnection> OpenForWriteAsync(CancellationToken cancellationToken, bool acknowledging = false)
    {
        if (_writer is null || _background is null)
        {
            return await OpenAsync(cancellationToken);
        }
        var lane = acknowledging ? null : _background;
        if (lane is not null)
        {
            await lane.WaitAsync(cancellationToken);
        }
        try
        {
            await _writer.WaitAsync(cancellationToken);
        }
        catch
        {
            lane?.Release();
            throw;
        }
        // A connection that fails to open is disposed, which gives the turn back.
        return await OpenAsync(new WriterConnection(_connectionString, _writer, lane), cancellationToken);
    }

    private static async Task<DbConnection> OpenAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (connection is SqliteConnection sqlite && Tuned.TryAdd(sqlite.Handle!, true))
            {
                // Once per native connection (the pool hands the same ones out again): WAL lets readers and one writer
                // work side by side (several workers, two instances on one file); SQLite's own busy handler waits for
                // the writer lock in short native sleeps, where Microsoft.Data.Sqlite alone would retry a busy
                // statement only every 150 ms, which under load costs more than the work.
                await connection.ExecuteAsync("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000; PRAGMA mmap_size = 268435456;");
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The SQLite file this database lives in, or null for SQL Server and in-memory SQLite.</summary>
    public string? SqliteFile =>
        Dialect == SqlDialect.Sqlite && new SqliteConnectionStringBuilder(_connectionString).DataSource is { Length: > 0 } file
        && !file.Equals(":memory:", StringComparison.Ordinal) && !file.StartsWith("file:", StringComparison.Ordinal)
            ? Path.GetFullPath(file)
            : null;

    /// <summary>A SQLite connection that gives the writer turn (and its lane) back when it is disposed (once, however often disposed).</summary>
    private sealed class WriterConnection(string connectionString, SemaphoreSlim writer, SemaphoreSlim? lane) : SqliteConnection(connectionString)
    {
        private int _released;

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                writer.Release();
                lane?.Release();
            }
        }
    }

    private static string TuneSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            ForeignKeys = true,
            // Doubles as SQLite's busy timeout: a writer waits this long for another writer's lock.
            DefaultTimeout = 30,
            Pooling = true,
        };
        return builder.ToString();
    }
}
