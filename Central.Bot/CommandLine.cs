using Central.Bot.Cases.Workspace;
using Central.Bot.Channels.Messenger;

namespace Central.Bot;

/// <summary>
/// Administrative commands run instead of the service: <c>dotnet run --project Central.Bot -- &lt;command&gt; …</c>.
/// They use the same settings and database as the service.
/// </summary>
public static class CommandLine
{
    private static readonly string[] Commands = ["messenger-profile", "caseworker"];

    /// <summary>Separates a command and its words from the settings (<c>--Key value</c>) the host reads.</summary>
    public static (string[]? Command, string[] Settings) Split(string[] args) =>
        args.Length > 0 && Commands.Contains(args[0]) ? (args, []) : (null, args);

    public static async Task<int> RunAsync(WebApplication app, string[] command) => command[0] switch
    {
        "messenger-profile" => await MessengerProfile.RunAsync(app.Services, Console.Out, app.Lifetime.ApplicationStopping),
        "caseworker" => await CaseworkerCommand.RunAsync(app.Services, command[1..], Console.In, Console.Out, app.Lifetime.ApplicationStopping),
        _ => 2,
    };
}
