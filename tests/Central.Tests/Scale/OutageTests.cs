using Central.Data.Storage;
using Central.Tests.Channels;
using Central.Tests.Hosting;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Central.Tests.Scale;

/// <summary>The Graph API down for a minute: everything waits and goes out after, once each, in order.</summary>
public sealed class OutageTests : IAsyncLifetime
{
    private GraphStandIn _graph = null!;
    private CentralApp _app = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _graph = await GraphStandIn.StartAsync();
        _app = new CentralApp(_graph.GraphApiUrl, new Dictionary<string, string?>
        {
            ["Messaging:RetryBaseMilliseconds"] = "1000",
            ["Messaging:MaxRetryDelaySeconds"] = "10",
        });
        _http = _app.Start();
    }

    [Fact]
    public async Task After_a_60_second_outage_every_reply_is_delivered_once_and_a_permanent_error_is_recorded_not_retried()
    {
        var users = Enumerable.Range(0, 10).Select(_ => Some.Psid()).ToArray();
        var gone = Some.Psid();
        _graph.Unavailable.Add(gone);
        _graph.OutageUntil = TimeProvider.System.GetUtcNow().AddSeconds(60);

        foreach (var psid in users.Append(gone))
        {
            await Webhooks.PostAsync(_http, Webhooks.Text(psid, "hi"));
            for (var k = 0; k < 4; k++)
            {
                await Webhooks.PostAsync(_http, Webhooks.Text(psid, k % 2 == 0 ? "ខ្មែរ" : "english"));
            }
        }
        await Task.Delay(TimeSpan.FromSeconds(20), Ct);
        var duringOutage = users.Sum(u => _graph.MessagesTo(u).Count);
        await _graph.WaitUntilAsync(g => users.All(u => g.MessagesTo(u).Count >= 3 + 8), seconds: 150);
        await _graph.SettleAsync(1500);

        Assert.Equal(0, duringOutage);
        foreach (var psid in users)
        {
            var texts = _graph.MessagesTo(psid).Select(m => m["message"]!["text"]!.GetValue<string>()).ToList();
            Assert.Equal(11, texts.Count);
            Assert.StartsWith("Hello! This is the chatbot", texts[0], StringComparison.Ordinal);
            Assert.Equal(["យល់ព្រម! ចាប់ពីពេលនេះ ខ្ញុំនឹងសរសេរជាភាសាខ្មែរ។", "OK, I'll write in English from now on.", "យល់ព្រម! ចាប់ពីពេលនេះ ខ្ញុំនឹងសរសេរជាភាសាខ្មែរ។", "OK, I'll write in English from now on."],
                texts.Skip(3).Where((_, i) => i % 2 == 0));
        }
        await using var db = await _app.Services.GetRequiredService<Database>().OpenAsync(Ct);
        var failed = (await db.QueryAsync<(string Kind, int Attempts)>("SELECT failure_kind, attempts FROM outbox WHERE status = 'failed'")).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, f => Assert.Equal("user_unavailable", f.Kind));
        // Each message to the unavailable worker met "user unavailable" exactly once: recorded, never tried again.
        Assert.Equal(failed.Count, _graph.Calls.Count(c => c.Recipient == gone && c.ErrorCode == 551));
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM outbox WHERE status = 'pending'"));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _graph.DisposeAsync();
    }
}
