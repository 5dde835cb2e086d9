using Central.Bot;
using Central.Bot.Channels.Messenger;
using Central.Bot.Channels.TryIt;
using Central.Bot.Messaging;
using Central.Bot.Storage;
using Central.Dialogs.Knowledge;

var (command, settings) = CommandLine.Split(args);
try
{
    var builder = WebApplication.CreateBuilder(settings);
    builder.AddStorage();
    builder.AddMessaging();
    builder.Services.AddKnowledge();
    builder.AddMessenger();
    builder.AddTryIt();

    var app = builder.Build();
    await app.MigrateDatabaseAsync();
    if (command is not null)
    {
        return await CommandLine.RunAsync(app, command);
    }
    app.AnnounceMessenger();
    app.MapHealth();
    app.MapMessenger();
    app.MapTryIt();

    await app.RunAsync();
    return 0;
}
catch (StartupException e)
{
    // A wrong setting deserves one clear line, not a stack trace.
    await Console.Error.WriteLineAsync($"Central could not start: {e.Message}");
    return 1;
}

public partial class Program;
