using Central.Bot;
using Central.Bot.Cases;
using Central.Bot.Channels.BotFramework;
using Central.Bot.Cases.Workspace;
using Central.Bot.Channels.Messenger;
using Central.Bot.Channels.TryIt;
using Central.Bot.Messaging;
using Central.Bot.Observability;
using Central.Bot.Storage;
using Central.Bot.Translation;
using Central.Dialogs.Knowledge;

var (command, settings) = CommandLine.Split(args);
try
{
    var builder = WebApplication.CreateBuilder(settings);
    if (command is not null)
    {
        // An admin command serves nothing: channel settings it does not use must not stop it.
        builder.Configuration[BotFrameworkOptions.EnabledSetting] = "false";
    }
    builder.AddStorage();
    builder.AddObservability();
    builder.AddMessaging();
    builder.AddCases();
    builder.Services.AddKnowledge();
    builder.AddMessenger();
    builder.AddBotFramework();
    builder.AddTryIt();
    builder.AddTranslation();
    builder.AddWorkspace();

    var app = builder.Build();
    await app.MigrateDatabaseAsync();
    if (command is not null)
    {
        return await CommandLine.RunAsync(app, command);
    }
    app.AnnounceMessenger();
    app.AnnounceTranslation();
    app.MapHealth();
    app.MapMessenger();
    app.MapBotFramework();
    app.MapTryIt();
    app.MapWorkspace();

    await app.RunAsync();
    return 0;
}
catch (StartupException e)
{
    // A wrong setting deserves one clear line, not a stack trace.
    var what = command is null ? "start" : $"run {command[0]}";
    await Console.Error.WriteLineAsync($"Central could not {what}: {e.Message}");
    return 1;
}

public partial class Program;
