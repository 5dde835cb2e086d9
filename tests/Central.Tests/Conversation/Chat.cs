using Central.Data.Storage;
using Central.Dialogs;
using Microsoft.Extensions.Configuration;
using Central.Dialogs.Cases;
using Central.Dialogs.Conversation;
using Central.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Central.Tests.Conversation;

/// <summary>
/// The conversation core on a real SQLite file, talked to as one worker on one channel: say something or tap a
/// button, get the bot's replies as the worker would see them.
/// </summary>
public sealed class Chat : IAsyncDisposable
{
    private readonly SqliteTestDatabase _database = new();
    private readonly ServiceProvider _services;
    private int _turns;

    public Chat(Action<IServiceCollection>? configure = null, string? psid = null)
    {
        Psid = psid ?? Some.Psid();
        new Migrations(_database.Database).ApplyAsync(CancellationToken.None).GetAwaiter().GetResult();
        var services = new ServiceCollection()
            .AddSingleton(_database.Database)
            .AddSingleton(_database.Cipher)
            .AddSingleton<TimeProvider>(Time)
            .AddLogging(logging => logging.AddProvider(new ThrowingLoggerProvider()))
            .AddSingleton<IConfiguration>(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Evidence:AllowedHosts:0"] = "127.0.0.1" }).Build())
            .AddConversation()
            .AddCases();
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
    }

    public string Psid { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero));

    public IServiceProvider Services => _services;

    public Database Database => _database.Database;

    public Task<Said> StartAsync() => RunAsync(new Turn { Id = NextId(), Channel = "test", UserId = Psid, Address = Psid, Kind = TurnKind.Start });

    public Task<Said> SayAsync(string text) => RunAsync(new Turn { Id = NextId(), Channel = "test", UserId = Psid, Address = Psid, Text = text });

    /// <summary>Taps a button: as Messenger sends it, with the title as text and the payload beside it.</summary>
    public Task<Said> TapAsync(string payload, string? title = null) =>
        RunAsync(new Turn { Id = NextId(), Channel = "test", UserId = Psid, Address = Psid, Text = title, Payload = payload });

    public Task<Said> SendAsync(params TurnAttachment[] attachments) =>
        RunAsync(new Turn { Id = NextId(), Channel = "test", UserId = Psid, Address = Psid, Attachments = attachments });

    public async Task<Said> RunAsync(Turn turn)
    {
        var outcome = await _services.GetRequiredService<ConversationEngine>().RunAsync(turn, TestContext.Current.CancellationToken);
        // As the inbox worker completes a turn: its lines go to the worker's transcript.
        await _services.GetRequiredService<Central.Data.Contacts.TranscriptStore>().AppendAsync(outcome.ContactId, outcome.Transcript, TestContext.Current.CancellationToken);
        return new Said(outcome.Replies);
    }

    private string NextId() => $"test-{Psid}-{Interlocked.Increment(ref _turns)}";

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }
}

/// <summary>Turns that fail in a test fail the test: errors logged by the engine are thrown back.</summary>
internal sealed class ThrowingLoggerProvider : Microsoft.Extensions.Logging.ILoggerProvider
{
    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger();

    public void Dispose()
    {
    }

    private sealed class Logger : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => logLevel >= Microsoft.Extensions.Logging.LogLevel.Error;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= Microsoft.Extensions.Logging.LogLevel.Error)
            {
                throw new InvalidOperationException("The engine logged an error: " + formatter(state, exception));
            }
        }
    }
}

/// <summary>What the bot said in one turn.</summary>
public sealed record Said(IReadOnlyList<OutgoingMessage> Messages)
{
    public string Text => string.Join("\n", Messages.Select(m => m.Text));

    /// <summary>The buttons offered last in the turn (what the worker can tap now).</summary>
    public IReadOnlyList<QuickReply> Buttons => Messages.LastOrDefault(m => m.QuickReplies.Count > 0)?.QuickReplies ?? [];

    public IEnumerable<string> Payloads => Buttons.Select(b => b.Payload);

    public IEnumerable<string> Titles => Buttons.Select(b => b.Title);
}
