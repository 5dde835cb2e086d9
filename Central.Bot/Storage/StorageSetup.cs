using System.Data.Common;
using Central.Data.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Central.Bot.Storage;

public static class StorageSetup
{
    public const string ProviderSetting = "Database:Provider";
    public const string ConnectionStringSetting = "ConnectionStrings:Central";
    public const string PersonalDataKeySetting = "PersonalData:Key";

    /// <summary>
    /// Database (SQLite by default, SQL Server in production), its migrations at start-up, the
    /// personal-data cipher and the readiness check. Every wrong setting stops start-up by name.
    /// </summary>
    public static WebApplicationBuilder AddStorage(this WebApplicationBuilder builder)
    {
        var database = CreateDatabase(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton<Migrations>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(CreateCipher(builder.Configuration, builder.Environment, database));
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadiness>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>Applies pending migrations before the first request; failures become one clear StartupException.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        var migrations = app.Services.GetRequiredService<Migrations>();
        var database = app.Services.GetRequiredService<Database>();
        IReadOnlyList<Migration> applied;
        try
        {
            applied = await migrations.ApplyAsync(app.Lifetime.ApplicationStopping);
        }
        catch (MigrationFailedException e)
        {
            throw new StartupException(e.Message, e);
        }
        catch (DbException e)
        {
            var where = database.SqliteFile is { } file ? $"the SQLite file {file}" : "the SQL Server database";
            throw new StartupException($"Could not open {where} ({e.Message.TrimEnd('.')}). Check {ConnectionStringSetting}; a damaged SQLite file must be restored from backup or moved aside.", e);
        }
        app.Logger.LogInformation("Database ready ({Dialect}, schema version {Version}; {Applied} migration(s) applied now)",
            database.Dialect, migrations.LatestVersion, applied.Count);
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new() { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new() { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }

    private static Database CreateDatabase(IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = configuration[ProviderSetting] ?? nameof(SqlDialect.Sqlite);
        if (!Enum.TryParse<SqlDialect>(provider, ignoreCase: true, out var dialect) || !Enum.IsDefined(dialect))
        {
            throw new StartupException($"{ProviderSetting} is '{provider}'; it must be 'Sqlite' or 'SqlServer'.");
        }
        var connectionString = configuration[ConnectionStringSetting];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (dialect == SqlDialect.SqlServer)
            {
                throw new StartupException($"{ConnectionStringSetting} is empty; SQL Server needs a connection string.");
            }
            connectionString = "Data Source=App_Data/central.db";
        }
        try
        {
            if (dialect == SqlDialect.Sqlite)
            {
                connectionString = PlaceSqliteFile(connectionString, environment.ContentRootPath);
            }
            else
            {
                _ = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(connectionString);
            }
            return new Database(dialect, connectionString);
        }
        catch (ArgumentException e)
        {
            throw new StartupException($"{ConnectionStringSetting} is not a valid {dialect} connection string: {e.Message}", e);
        }
    }

    /// <summary>Resolves a relative SQLite file against the content root and creates its folder.</summary>
    private static string PlaceSqliteFile(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && !file.StartsWith("file:", StringComparison.Ordinal))
        {
            builder.DataSource = Path.GetFullPath(file, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        return builder.ToString();
    }

    private static PersonalDataCipher CreateCipher(IConfiguration configuration, IHostEnvironment environment, Database database)
    {
        var configured = configuration[PersonalDataKeySetting];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            try
            {
                return new PersonalDataCipher(Convert.FromBase64String(configured));
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new StartupException($"{PersonalDataKeySetting} must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`).", e);
            }
        }
        if (!environment.IsDevelopment())
        {
            throw new StartupException($"{PersonalDataKeySetting} is not set. Outside Development it must hold 32 random bytes in base64 (e.g. `openssl rand -base64 32`); keep it in a secret store.");
        }
        // Development only: a key file beside the embedded database, so `dotnet run` needs no secrets.
        var folder = database.SqliteFile is { } file ? Path.GetDirectoryName(file)! : Path.Combine(environment.ContentRootPath, "App_Data");
        Directory.CreateDirectory(folder);
        var keyFile = Path.Combine(folder, "personal-data.key");
        if (!File.Exists(keyFile))
        {
            File.WriteAllText(keyFile, Convert.ToBase64String(PersonalDataCipher.NewKey()));
        }
        return new PersonalDataCipher(Convert.FromBase64String(File.ReadAllText(keyFile).Trim()));
    }

    private sealed class DatabaseReadiness(Migrations migrations) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var version = await migrations.CurrentVersionAsync(cancellationToken);
                return version == migrations.LatestVersion
                    ? HealthCheckResult.Healthy($"schema version {version}")
                    : HealthCheckResult.Unhealthy($"schema version {version}, expected {migrations.LatestVersion}");
            }
            catch (DbException e)
            {
                return HealthCheckResult.Unhealthy("database unreachable", e);
            }
        }
    }
}
