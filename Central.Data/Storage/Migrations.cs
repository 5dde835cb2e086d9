using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;

namespace Central.Data.Storage;

public sealed record Migration(int Version, string Name, string Sql);

/// <summary>
/// Numbered .sql scripts per dialect (embedded from Migrations/{Dialect}/NNNN_name.sql), applied in order,
/// all pending ones in one transaction, and recorded in schema_versions. Safe to run twice and from two
/// instances at once: the second waits for the first's lock and then finds nothing to do.
/// </summary>
public sealed partial class Migrations(Database database)
{
    public IReadOnlyList<Migration> All { get; } = Load(database.Dialect);

    public int LatestVersion => All.Count == 0 ? 0 : All[^1].Version;

    public Task<IReadOnlyList<Migration>> ApplyAsync(CancellationToken cancellationToken) =>
        ApplyAsync(database, All, cancellationToken);

    internal static async Task<IReadOnlyList<Migration>> ApplyAsync(Database database, IReadOnlyList<Migration> all, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        if (database.Dialect == SqlDialect.SqlServer)
        {
            // Serialises start-up of several instances; released with the transaction.
            await connection.ExecuteAsync(new CommandDefinition("""
                EXEC sp_getapplock @Resource = N'central-migrations', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 60000;
                """, transaction: transaction, cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(database.Sql(
            sqlite: """
                CREATE TABLE IF NOT EXISTS schema_versions (
                    version     INTEGER PRIMARY KEY,
                    name        TEXT NOT NULL,
                    applied_at  TEXT NOT NULL
                );
                """,
            sqlServer: """
                IF OBJECT_ID(N'dbo.schema_versions', N'U') IS NULL
                CREATE TABLE dbo.schema_versions (
                    version     INT             NOT NULL CONSTRAINT pk_schema_versions PRIMARY KEY,
                    name        NVARCHAR (200)  NOT NULL,
                    applied_at  DATETIMEOFFSET  NOT NULL
                );
                """), transaction: transaction, cancellationToken: cancellationToken));

        var applied = (await connection.QueryAsync<int>(new CommandDefinition(
            "SELECT version FROM schema_versions", transaction: transaction, cancellationToken: cancellationToken))).ToHashSet();

        var pending = all.Where(m => !applied.Contains(m.Version)).ToList();
        foreach (var migration in pending)
        {
            await RunAsync(connection, transaction, migration, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return pending;
    }

    /// <summary>The highest version recorded in the database, or 0 when none is.</summary>
    public async Task<int> CurrentVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var exists = await connection.ExecuteScalarAsync<int>(new CommandDefinition(database.Sql(
            sqlite: "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_versions'",
            sqlServer: "SELECT COUNT(*) FROM sys.tables WHERE name = N'schema_versions'"), cancellationToken: cancellationToken));
        if (exists == 0)
        {
            return 0;
        }
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT MAX(version) FROM schema_versions", cancellationToken: cancellationToken)) ?? 0;
    }

    private static async Task RunAsync(DbConnection connection, DbTransaction transaction, Migration migration, CancellationToken cancellationToken)
    {
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken));
        }
        catch (DbException e)
        {
            throw new MigrationFailedException(migration, e);
        }
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO schema_versions (version, name, applied_at) VALUES (@Version, @Name, @appliedAt)
            """, new { migration.Version, migration.Name, appliedAt = TimeProvider.System.GetUtcNow() },
            transaction: transaction, cancellationToken: cancellationToken));
    }

    private static List<Migration> Load(SqlDialect dialect)
    {
        var assembly = typeof(Migrations).Assembly;
        var prefix = $"{assembly.GetName().Name}.Migrations.{dialect}.";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var fileName = resource[prefix.Length..];
            var match = FileNamePattern().Match(fileName);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration '{fileName}' must be named NNNN_description.sql.");
            }
            migrations.Add(new Migration(int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups["name"].Value, Read(assembly, resource)));
        }
        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        if (migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new InvalidOperationException($"Two {dialect} migrations share version {duplicate.Key}.");
        }
        return migrations;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();
}

public sealed class MigrationFailedException(Migration migration, DbException inner)
    : Exception($"Migration {migration.Version:D4}_{migration.Name} failed and nothing was changed: {inner.Message}", inner)
{
    public Migration Migration { get; } = migration;
}
