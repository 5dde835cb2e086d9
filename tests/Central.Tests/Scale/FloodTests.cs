using Central.Data.Storage;
using Central.Tests.Channels;
using Central.Tests.Hosting;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Central.Tests.Scale;

/// <summary>One sender flooding the webhook cannot starve the others, nor fill the inbox.</summary>
public sealed class FloodTests : IAsyncLifetime
{
    private GraphStandIn _graph = null!;
    private CentralApp _app = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _graph = await GraphStandIn.StartAsync();
        _app = new CentralApp(_graph.GraphApiUrl, new Dictionary<string, string?> { ["Messaging:SenderBurst"] = "40", ["Messaging:SenderPerMinute"] = "30" });
        _http = _app.Start();
    }

    [Fact]
    public async Task A_flood_from_one_sender_is_cut_at_its_allowance_while_another_worker_is_answered()
    {
        var flooder = Some.Psid();
        var worker = Some.Psid();

        var flood = Task.WhenAll(Enumerable.Range(0, 300).Select(i => Webhooks.PostAsync(_http, Webhooks.Text(flooder, "menu"))));
        await Task.Delay(50, Ct);
        var answered = Webhooks.PostAsync(_http, Webhooks.Text(worker, "សួស្តី"));
        var responses = await flood;
        await answered;
        await _graph.WaitUntilAsync(g => g.MessagesTo(worker).Count >= 3, seconds: 60);

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode));
        await using var db = await _app.Services.GetRequiredService<Database>().OpenAsync(Ct);
        var stored = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM inbox");
        Assert.InRange(stored, 41, 45);
        Assert.StartsWith("សួស្តី!", _graph.MessagesTo(worker)[0]["message"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _graph.DisposeAsync();
    }
}
