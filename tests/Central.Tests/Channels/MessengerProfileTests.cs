using System.Diagnostics;
using Central.Tests.Hosting;

namespace Central.Tests.Channels;

public sealed class MessengerProfileTests : IAsyncLifetime
{
    private GraphStandIn _graph = null!;
    private readonly string _folder = Directory.CreateTempSubdirectory("central-profile-").FullName;

    public async ValueTask InitializeAsync() => _graph = await GraphStandIn.StartAsync();

    [Fact]
    public async Task The_command_sets_Get_Started_a_bilingual_greeting_and_the_menu_from_the_string_tables()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Central.Bot.dll"), "messenger-profile"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Central"] = $"Data Source={Path.Combine(_folder, "central.db")}";
        start.Environment["Messenger__AppSecret"] = "s";
        start.Environment["Messenger__VerifyToken"] = "v";
        start.Environment["Messenger__PageAccessToken"] = "profile-token";
        start.Environment["Messenger__GraphApiUrl"] = _graph.GraphApiUrl;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("Messenger profile set", output, StringComparison.Ordinal);
        var call = Assert.Single(_graph.Calls, c => c.Endpoint == "messenger_profile");
        Assert.Equal("profile-token", call.AccessToken);
        Assert.Equal("GET_STARTED", call.Body["get_started"]!["payload"]!.GetValue<string>());
        var greeting = call.Body["greeting"]![0]!["text"]!.GetValue<string>();
        Assert.Contains("សួស្តី!", greeting, StringComparison.Ordinal);
        Assert.Contains("Hello!", greeting, StringComparison.Ordinal);
        Assert.True(greeting.Length <= 160);
        var titles = call.Body["persistent_menu"]![0]!["call_to_actions"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()).ToList();
        Assert.Equal(["សួរអំពីសិទ្ធិ / My rights", "រាយការណ៍បញ្ហា / Report", "ពិនិត្យករណី / My case", "និយាយជាមួយបុគ្គលិក / A person", "ភាសា / Language"], titles);
        Assert.All(titles, t => Assert.True(t.Length <= 30));
    }

    public async ValueTask DisposeAsync()
    {
        await _graph.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
