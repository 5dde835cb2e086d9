using Central.Bot;
using Central.Bot.Storage;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddStorage();

    var app = builder.Build();
    await app.MigrateDatabaseAsync();
    app.MapHealth();

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
