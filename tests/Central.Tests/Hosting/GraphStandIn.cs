using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Central.Tests.Hosting;

/// <summary>
/// A loopback stand-in for Meta's Graph API: records every Send API and profile call as sent, and answers 200 —
/// or, when told, fails the next calls the way Meta fails (5xx, or an error body with a code).
/// </summary>
public sealed class GraphStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Failure> _failures = new();
    private readonly List<GraphCall> _calls = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private GraphStandIn(WebApplication app) => _app = app;

    /// <summary>Files served at <c>/files/{name}</c>, as Messenger's CDN serves attachments (content type, bytes).</summary>
    public ConcurrentDictionary<string, (string ContentType, byte[] Bytes)> Files { get; } = new();

    public string FileUrl(string name) => $"{Url}/files/{name}";

    /// <summary>Service URLs to send message echoes to, as Meta does for every message a page sends (round-robin,
    /// like a load balancer; a target that does not answer is skipped). Empty: no echoes.</summary>
    public List<string> EchoTargets { get; } = [];

    /// <summary>Until this time every Send API call fails with 503 (an outage).</summary>
    public DateTimeOffset OutageUntil { get; set; } = DateTimeOffset.MinValue;

    /// <summary>PSIDs Meta reports as unavailable (error 551): a permanent failure.</summary>
    public HashSet<string> Unavailable { get; } = [];

    public string Url => _app.Urls.First();

    public string GraphApiUrl => Url + "/v23.0";

    public static async Task<GraphStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new GraphStandIn(app);
        app.MapGet("/files/{name}", (string name) => standIn.Files.TryGetValue(name, out var file)
            ? Results.Bytes(file.Bytes, file.ContentType)
            : Results.NotFound());
        app.MapPost("/v23.0/me/{endpoint}", async (string endpoint, HttpRequest request) =>
        {
            var body = JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync())!.AsObject();
            var recipient = body["recipient"]?["id"]?.GetValue<string>() ?? "";
            // A test's queued failures are meant for messages: a typing indicator (sent when a turn is slow, as on a
            // loaded machine) must not use one up.
            var failure = body["message"] is not null && standIn._failures.TryDequeue(out var next) ? next
                : TimeProvider.System.GetUtcNow() < standIn.OutageUntil ? new Failure(503, 2, 0)
                : standIn.Unavailable.Contains(recipient) ? new Failure(400, 551, 1545041)
                : null;
            standIn.Record(new GraphCall(endpoint, request.Query["access_token"].ToString(), body, failure is null, failure?.Code ?? 0));
            if (failure is not null)
            {
                return Results.Json(new { error = new { message = "stand-in failure", type = "OAuthException", code = failure.Code, error_subcode = failure.Subcode } }, statusCode: failure.Status);
            }
            var mid = "m_" + Guid.NewGuid().ToString("N");
            if (body["message"]?["metadata"]?.GetValue<string>() is { } metadata && standIn.EchoTargets.Count > 0)
            {
                _ = standIn.EchoAsync(recipient, mid, metadata);
            }
            return Results.Json(new { recipient_id = recipient, message_id = mid });
        });
        await app.StartAsync();
        return standIn;
    }

    /// <summary>The next <paramref name="count"/> calls fail with this status and Graph error code.</summary>
    public void FailNext(int count, int status = 500, int code = 2, int subcode = 0)
    {
        for (var i = 0; i < count; i++)
        {
            _failures.Enqueue(new Failure(status, code, subcode));
        }
    }

    public IReadOnlyList<GraphCall> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Messages (not typing indicators) delivered to this PSID, in arrival order.</summary>
    public IReadOnlyList<JsonObject> MessagesTo(string psid) =>
        [.. Calls.Where(c => c.Delivered && c.Endpoint == "messages" && c.Recipient == psid && c.Body["message"] is not null).Select(c => c.Body)];

    /// <summary>Waits until <paramref name="done"/> holds, failing with what did arrive after <paramref name="seconds"/>.</summary>
    public async Task WaitUntilAsync(Func<GraphStandIn, bool> done, int seconds = 30)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (!done(this))
        {
            Task changed;
            lock (_calls)
            {
                changed = _changed.Task;
            }
            if (done(this))
            {
                return;
            }
            try
            {
                await changed.WaitAsync(TimeSpan.FromMilliseconds(200), timeout.Token);
            }
            catch (TimeoutException)
            {
                // Look again.
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Graph stand-in: condition not met after {seconds} s. Calls so far:\n" +
                    string.Join("\n", Calls.Select(c => $"  {c.Endpoint} {(c.Delivered ? "" : "(failed) ")}{c.Body.ToJsonString()}")));
            }
        }
    }

    /// <summary>Waits a little and checks nothing more arrives (for "answered once").</summary>
    public async Task<int> SettleAsync(int milliseconds = 700)
    {
        var before = -1;
        while (before != Calls.Count)
        {
            before = Calls.Count;
            await Task.Delay(milliseconds);
        }
        return before;
    }

    private int _echoes;

    private async Task EchoAsync(string psid, string mid, string metadata)
    {
        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new
        {
            @object = "page",
            entry = new[] { new { id = "page-1", time = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds(), messaging = new[]
            {
                new { sender = new { id = "page-1" }, recipient = new { id = psid }, timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds(),
                      message = new { mid, is_echo = true, app_id = 1, metadata } },
            } } },
        });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var start = Interlocked.Increment(ref _echoes);
        for (var i = 0; i < EchoTargets.Count * 3; i++)
        {
            var target = EchoTargets[(start + i) % EchoTargets.Count];
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new("application/json");
                content.Headers.Add("X-Hub-Signature-256", Central.Bot.Channels.Messenger.MessengerSignature.Sign(EchoSecret, body));
                using var response = await http.PostAsync($"{target}/api/messenger", content);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // That instance is down; Meta would try again: so do we, elsewhere.
            }
            catch (TaskCanceledException)
            {
                // Same.
            }
            await Task.Delay(200);
        }
    }

    /// <summary>The app secret echoes are signed with.</summary>
    public string EchoSecret { get; set; } = CentralApp.AppSecret;

    private void Record(GraphCall call)
    {
        lock (_calls)
        {
            _calls.Add(call);
            _changed.TrySetResult();
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private sealed record Failure(int Status, int Code, int Subcode);
}

public sealed record GraphCall(string Endpoint, string AccessToken, JsonObject Body, bool Delivered, int ErrorCode = 0)
{
    public string? Recipient => Body["recipient"]?["id"]?.GetValue<string>();

    public string? Text => Body["message"]?["text"]?.GetValue<string>();

    public IReadOnlyList<(string Title, string Payload)> QuickReplies =>
        Body["message"]?["quick_replies"] is JsonArray replies
            ? [.. replies.Select(r => (r!["title"]!.GetValue<string>(), r["payload"]!.GetValue<string>()))]
            : [];

    public override string ToString() => Body.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
