using System.Text.Json.Nodes;
using Central.Data.Storage;
using Central.Tests.Hosting;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Central.Tests.Channels;

/// <summary>
/// A worker on Messenger: each call posts a signed webhook to the real host and returns what reached the Graph
/// stand-in in answer, once the message is processed and nothing is left to send to this worker.
/// </summary>
public sealed class MessengerUser(CentralApp app, HttpClient http, GraphStandIn graph, string? psid = null)
{
    private int _seen;

    public string Psid { get; } = psid ?? Some.Psid();

    public Task<IReadOnlyList<Reply>> SayAsync(string text) => SendAsync(Webhooks.Text(Psid, text));

    public Task<IReadOnlyList<Reply>> TapAsync(string payload, string title = "·") => SendAsync(Webhooks.QuickReply(Psid, title, payload));

    public Task<IReadOnlyList<Reply>> SendFileAsync(string type, string url) => SendAsync(Webhooks.Attachment(Psid, type, url));

    public Task<IReadOnlyList<Reply>> PostbackAsync(string payload) => SendAsync(Webhooks.Postback(Psid, payload));

    private async Task<IReadOnlyList<Reply>> SendAsync(object message)
    {
        var response = await Webhooks.PostAsync(http, message);
        response.EnsureSuccessStatusCode();
        await WaitUntilAnsweredAsync();
        var all = graph.MessagesTo(Psid);
        var fresh = all.Skip(_seen).Select(m => new Reply(m["message"]!["text"]!.GetValue<string>(),
            m["message"]!["quick_replies"] is JsonArray q ? [.. q.Select(r => (r!["title"]!.GetValue<string>(), r["payload"]!.GetValue<string>()))] : [])).ToList();
        _seen = all.Count;
        return fresh;
    }

    private async Task WaitUntilAnsweredAsync()
    {
        var database = app.Services.GetRequiredService<Database>();
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            await using (var db = await database.OpenAsync(CancellationToken.None))
            {
                var busy = await db.ExecuteScalarAsync<int>("""
                    SELECT (SELECT COUNT(*) FROM inbox WHERE processed_at IS NULL) + (SELECT COUNT(*) FROM outbox WHERE status = 'pending')
                    """);
                if (busy == 0)
                {
                    return;
                }
            }
            await Task.Delay(20);
        }
        throw new TimeoutException("The message was not answered within 30 s.");
    }

    public sealed record Reply(string Text, IReadOnlyList<(string Title, string Payload)> QuickReplies)
    {
        public IEnumerable<string> Titles => QuickReplies.Select(q => q.Title);
    }
}
