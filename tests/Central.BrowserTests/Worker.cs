using Central.Tests;
using Central.Tests.Channels;
using Central.Tests.Hosting;

namespace Central.BrowserTests;

/// <summary>A worker on Messenger: signed webhook events into the real host, replies read off the Graph stand-in.</summary>
public sealed class Worker(HttpClient service, GraphStandIn graph)
{
    public string Psid { get; } = Some.Psid();

    public IReadOnlyList<string> Received => [.. graph.MessagesTo(Psid).Select(m => m["message"]!["text"]!.GetValue<string>())];

    public Task<string> SaysAsync(string text, string expect) => SendAsync(Webhooks.Text(Psid, text), expect);

    public Task<string> TapsAsync(string title, string payload, string expect) => SendAsync(Webhooks.QuickReply(Psid, title, payload), expect);

    /// <summary>Waits for a message to this worker, after the ones already received, containing <paramref name="expect"/>.</summary>
    public async Task<string> ToldAsync(string expect, int after, int seconds = 30)
    {
        await graph.WaitUntilAsync(_ => Received.Skip(after).Any(t => t.Contains(expect, StringComparison.Ordinal)), seconds);
        return Received.Skip(after).First(t => t.Contains(expect, StringComparison.Ordinal));
    }

    private async Task<string> SendAsync(object messagingEvent, string expect)
    {
        var before = Received.Count;
        var response = await Webhooks.PostAsync(service, messagingEvent);
        response.EnsureSuccessStatusCode();
        return await ToldAsync(expect, before);
    }
}
