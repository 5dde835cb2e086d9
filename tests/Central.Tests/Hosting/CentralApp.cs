using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Central.Tests.Hosting;

/// <summary>
/// The real service in-process, on Kestrel on a loopback port, with a fresh SQLite file, its Messenger channel
/// pointed at a Graph stand-in, and workers tuned to poll and retry quickly.
/// </summary>
public sealed class CentralApp : WebApplicationFactory<Program>
{
    public const string AppSecret = "test-app-secret";
    public const string VerifyToken = "test-verify-token";
    public const string PageToken = "test-page-token";

    private readonly string _folder = Directory.CreateTempSubdirectory("central-app-").FullName;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    // services: replaces services after the app's own registrations (a FakeTimeProvider, say).
    public CentralApp(string? graphApiUrl = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Central"] = $"Data Source={DatabaseFile}",
            ["PersonalData:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Messenger:AppSecret"] = AppSecret,
            ["Messenger:VerifyToken"] = VerifyToken,
            ["Messenger:PageAccessToken"] = PageToken,
            ["Messenger:GraphApiUrl"] = graphApiUrl ?? "http://127.0.0.1:9/v23.0",
            ["Messaging:PollMilliseconds"] = "50",
            ["Messaging:RetryBaseMilliseconds"] = "20",
            ["Messaging:TypingAfterMilliseconds"] = "5000",
            ["Logging:LogLevel:Default"] = "Warning",
            // Tests provoke outages on purpose; their retry warnings on the console buried a failing test's report in CI.
            ["Logging:Console:LogLevel:Default"] = "Error",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
        UseKestrel(0);
    }

    public string Folder => _folder;

    /// <summary>When set, every log line of the service also goes here (to check that no personal data is logged).</summary>
    public Microsoft.Extensions.Logging.ILoggerProvider? Logs { get; set; }

    public string DatabaseFile => Path.Combine(_folder, "central.db");

    /// <summary>
    /// Starts the server and returns a client for it (real HTTP over loopback), once it answers as a service that has
    /// been up a few seconds does: with English questions matched by meaning too.
    /// </summary>
    public HttpClient Start()
    {
        StartServer();
        Services.GetRequiredService<Central.Dialogs.Knowledge.KnowledgeBase>().MeaningLearned.Wait();
        return CreateClient();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        if (Logs is { } logs)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        }
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
