using Central.Bot.Cases.Workspace;
using Central.Bot.Channels.Messenger;
using Central.Data.Storage;

namespace Central.Bot;

/// <summary>
/// Administrative commands run instead of the service: <c>dotnet run --project Central.Bot -- &lt;command&gt; …</c>.
/// They use the same settings and database as the service, and pending migrations are applied before any of them.
/// </summary>
public static class CommandLine
{
    private static readonly string[] Commands = ["messenger-profile", "migrate", "caseworker"];

    /// <summary>Separates a command and its words from the settings (<c>--Key value</c>) the host reads.</summary>
    public static (string[]? Command, string[] Settings) Split(string[] args) =>
        args.Length > 0 && Commands.Contains(args[0]) ? (args, []) : (null, args);

    public static async Task<int> RunAsync(WebApplication app, string[] command) => command[0] switch
    {
        "messenger-profile" => await MessengerProfile.RunAsync(app.Services, Console.Out, app.Lifetime.ApplicationStopping),
        "migrate" => await ReportSchemaAsync(app.Services, Console.Out, app.Lifetime.ApplicationStopping),
        "caseworker" => await CaseworkerCommand.RunAsync(app.Services, command[1..], Console.In, Console.Out, app.Lifetime.ApplicationStopping),
        _ => 2,
    };

    /// <summary>
    /// <c>migrate</c>: the migrations ran before the command (as at every start-up), so what is left is to say where
    /// the schema stands — for a release pipeline, or an operator applying a new version's schema before rolling it out.
    /// </summary>
    private static async Task<int> ReportSchemaAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var dialect = services.GetRequiredService<Database>().Dialect;
        var migrations = services.GetRequiredService<Migrations>();
        var version = await migrations.CurrentVersionAsync(cancellationToken);
        if (version != migrations.LatestVersion)
        {
            // Only a newer release can have left a higher version: this build would run on a schema it does not know.
            await output.WriteLineAsync($"The {dialect} database is at schema version {version}, but this build knows only up to {migrations.LatestVersion}; deploy the newer build (or restore a backup taken before it).");
            return 1;
        }
        await output.WriteLineAsync($"The {dialect} database is at schema version {version}, the latest this build has.");
        return 0;
    }
}
