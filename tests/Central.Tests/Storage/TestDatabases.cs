using Central.Data.Storage;
using Microsoft.Data.SqlClient;

namespace Central.Tests.Storage;

/// <summary>
/// A fresh, migrated database per test: a real SQLite file in a temp folder, or a throw-away database on
/// the SQL Server named by CENTRAL_TEST_SQLSERVER (tests skip with that reason when it is not set).
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public const string SqlServerVariable = "CENTRAL_TEST_SQLSERVER";

    public abstract Database Database { get; }

    public PersonalDataCipher Cipher { get; } = new(PersonalDataCipher.NewKey());

    public abstract ValueTask DisposeAsync();

    public static async Task<TestDatabase> CreateAsync(SqlDialect dialect)
    {
        TestDatabase created = dialect == SqlDialect.Sqlite ? new SqliteTestDatabase() : await SqlServerTestDatabase.CreateAsync();
        await new Migrations(created.Database).ApplyAsync(CancellationToken.None);
        return created;
    }
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _folder = Directory.CreateTempSubdirectory("central-test-").FullName;

    public SqliteTestDatabase() => Database = new Database(SqlDialect.Sqlite, $"Data Source={FilePath}");

    public string FilePath => Path.Combine(_folder, "central.db");

    public override Database Database { get; }

    public override ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A test that still holds the file open leaves a temp folder behind; not worth failing for.
        }
        return ValueTask.CompletedTask;
    }
}

public sealed class SqlServerTestDatabase : TestDatabase
{
    private readonly string _server;
    private readonly string _name;

    private SqlServerTestDatabase(string server, string name, Database database)
    {
        _server = server;
        _name = name;
        Database = database;
    }

    public override Database Database { get; }

    public static async Task<SqlServerTestDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(SqlServerVariable)!;
        var name = $"central_test_{Guid.NewGuid():N}";
        await using (var connection = new SqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new SqlCommand($"CREATE DATABASE [{name}]", connection);
            await command.ExecuteNonQueryAsync();
        }
        var builder = new SqlConnectionStringBuilder(server) { InitialCatalog = name };
        return new SqlServerTestDatabase(server, name, new Database(SqlDialect.SqlServer, builder.ConnectionString));
    }

    public override async ValueTask DisposeAsync()
    {
        SqlConnection.ClearAllPools();
        await using var connection = new SqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new SqlCommand($"ALTER DATABASE [{_name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_name}]", connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// Base for a storage suite written once and run on both engines (Dapper's TestBase&lt;TProvider&gt;):
/// derive <c>XTests : StorageSuite</c> with the tests, then two one-line classes choosing the dialect.
/// </summary>
public abstract class StorageSuite(SqlDialect dialect) : IAsyncLifetime
{
    private TestDatabase? _test;

    protected Database Database => _test!.Database;

    protected PersonalDataCipher Cipher => _test!.Cipher;

    protected TestDatabase Test => _test!;

    public async ValueTask InitializeAsync()
    {
        if (dialect == SqlDialect.SqlServer)
        {
            Assert.SkipWhen(string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TestDatabase.SqlServerVariable)),
                $"SQL Server tests run when {TestDatabase.SqlServerVariable} holds a connection string (see README).");
        }
        _test = await TestDatabase.CreateAsync(dialect);
    }

    public async ValueTask DisposeAsync()
    {
        if (_test is not null)
        {
            await _test.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}
