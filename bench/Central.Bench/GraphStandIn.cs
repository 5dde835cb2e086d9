using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Central.Bench;

/// <summary>Stands in for the Graph Send API: answers 200 and notes when each user's messages arrive.</summary>
internal sealed class GraphStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<long>> _arrivals = new();
    private int _messages;

    private GraphStandIn(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();

    public int Messages => Volatile.Read(ref _messages);

    public static async Task<GraphStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new GraphStandIn(app);
        app.MapPost("/{version}/me/messages", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var recipient = body.RootElement.GetProperty("recipient").GetProperty("id").GetString()!;
            if (body.RootElement.TryGetProperty("message", out _))
            {
                standIn._arrivals.GetOrAdd(recipient, _ => new()).Enqueue(Stopwatch.GetTimestamp());
                Interlocked.Increment(ref standIn._messages);
            }
            return Results.Json(new { recipient_id = recipient, message_id = "m_" + Guid.NewGuid().ToString("N") });
        });
        app.MapPost("/{version}/me/messenger_profile", () => Results.Json(new { result = "success" }));
        await app.StartAsync();
        return standIn;
    }

    public IReadOnlyList<long> ArrivalsFor(string psid) =>
        _arrivals.TryGetValue(psid, out var queue) ? queue.ToArray() : [];

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
