using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Central.Bot.Messaging;
using Central.Dialogs.Conversation.Localization;
using Microsoft.Extensions.Options;

namespace Central.Bot.Channels.Messenger;

/// <summary>
/// Messenger's Send API. Within Meta's limits: text ≤ 2000 characters (longer answers split at sentence ends),
/// ≤ 13 quick replies with titles cut to 20 characters on a cluster boundary; RESPONSE inside the 24-hour window,
/// the HUMAN_AGENT tag for a caseworker's reply up to 7 days; errors told apart as passing or permanent.
/// </summary>
public sealed class MessengerSendApi(IHttpClientFactory clients, IOptions<MessengerOptions> options, TimeProvider time) : IReplyChannel
{
    public const string HttpClientName = "messenger";
    public const int MaxText = 2000;
    public const int MaxQuickReplies = 13;
    public const int MaxTitle = 20;
    public const int MaxPayload = 1000;

    /// <summary>Marks the metadata of our own messages, so their echoes can be matched to the outbox.</summary>
    public const string EchoPrefix = "central:";

    private static readonly TimeSpan Window = TimeSpan.FromHours(24);
    private static readonly TimeSpan HumanAgentWindow = TimeSpan.FromDays(7);

    public string Name => MessengerWebhook.Channel;

    public IReadOnlyList<string> Prepare(Delivery delivery)
    {
        var parts = KhmerText.Split(KhmerText.Clean(delivery.Message.Text), MaxText);
        var quickReplies = delivery.Message.QuickReplies
            .Where(q => q.Payload.Length <= MaxPayload)
            .Take(MaxQuickReplies)
            .Select(q => new JsonObject { ["content_type"] = "text", ["title"] = KhmerText.Cut(q.Title, MaxTitle), ["payload"] = q.Payload })
            .ToArray();
        var payloads = new List<string>();
        for (var i = 0; i < parts.Count; i++)
        {
            var message = new JsonObject { ["text"] = parts[i] };
            if (i == parts.Count - 1 && quickReplies.Length > 0)
            {
                message["quick_replies"] = new JsonArray(quickReplies);
            }
            payloads.Add(JsonSerializer.Serialize(new Outgoing(delivery.Address, delivery.Purpose, delivery.LastInboundAt, message), InboxWorker.Json));
        }
        return payloads;
    }

    public async Task<SendResult> SendAsync(string payload, string idempotencyKey, CancellationToken cancellationToken)
    {
        var outgoing = JsonSerializer.Deserialize<Outgoing>(payload, InboxWorker.Json)!;
        var since = time.GetUtcNow() - (outgoing.LastInboundAt ?? DateTimeOffset.MinValue);
        var body = new JsonObject { ["recipient"] = new JsonObject { ["id"] = outgoing.Address } };
        if (since <= Window)
        {
            body["messaging_type"] = outgoing.Purpose == Purpose.Update ? "UPDATE" : "RESPONSE";
        }
        else if (outgoing.Purpose == Purpose.Human && since <= HumanAgentWindow)
        {
            body["messaging_type"] = "MESSAGE_TAG";
            body["tag"] = "HUMAN_AGENT";
        }
        else
        {
            return new SendResult.Failed("outside_window", $"The worker last wrote {since.TotalHours:F0} h ago; Messenger allows this message only within {(outgoing.Purpose == Purpose.Human ? "7 days" : "24 hours")}.");
        }
        var message = outgoing.Message.DeepClone();
        // Meta echoes the message back to the webhook with this metadata: that is how a send in doubt is confirmed.
        message["metadata"] = EchoPrefix + idempotencyKey;
        body["message"] = message;
        return await PostAsync("me/messages", body, cancellationToken);
    }

    public async Task SendTypingAsync(string address, CancellationToken cancellationToken) =>
        await PostAsync("me/messages", new JsonObject { ["recipient"] = new JsonObject { ["id"] = address }, ["sender_action"] = "typing_on" }, cancellationToken);

    internal async Task<SendResult> PostAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // The Send API takes the page token as a query parameter; this client's request logging is off (see MessengerSetup).
        var url = $"{settings.GraphApiUrl.TrimEnd('/')}/{path}?access_token={Uri.EscapeDataString(settings.PageAccessToken ?? "")}";
        using var response = await clients.CreateClient(HttpClientName).PostAsJsonAsync(url, body, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return SendResult.Ok;
        }
        var error = await ReadErrorAsync(response, cancellationToken);
        return Classify(response.StatusCode, error, response.Headers.RetryAfter?.Delta);
    }

    /// <summary>Meta's error codes: which failures pass (retry) and which never will (record, do not retry).</summary>
    internal static SendResult Classify(HttpStatusCode status, GraphError? error, TimeSpan? retryAfter)
    {
        var reason = error is null ? $"HTTP {(int)status}" : $"HTTP {(int)status}, code {error.Code}/{error.Subcode}: {error.Message}";
        if ((int)status >= 500 || status == HttpStatusCode.RequestTimeout)
        {
            return new SendResult.Retry(reason, retryAfter);
        }
        return error?.Code switch
        {
            4 or 17 or 32 or 613 => new SendResult.Retry(reason, retryAfter ?? TimeSpan.FromSeconds(30)),
            1 or 2 => new SendResult.Retry(reason, retryAfter),
            190 => new SendResult.Failed("bad_token", reason),
            10 when error.Subcode == 1893063 => new SendResult.Failed("page_restricted", reason),
            10 => new SendResult.Failed("outside_window", reason),
            551 => new SendResult.Failed("user_unavailable", reason),
            100 when error.Subcode == 2018001 => new SendResult.Failed("user_unavailable", reason),
            100 => new SendResult.Failed("invalid_request", reason),
            200 or 230 => new SendResult.Failed("permission", reason),
            368 => new SendResult.Failed("policy_blocked", reason),
            _ when status == HttpStatusCode.TooManyRequests => new SendResult.Retry(reason, retryAfter ?? TimeSpan.FromSeconds(30)),
            _ => new SendResult.Failed("rejected", reason),
        };
    }

    private static async Task<GraphError?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            if (!document.RootElement.TryGetProperty("error", out var error))
            {
                return null;
            }
            var message = error.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "";
            return new GraphError(
                error.TryGetProperty("code", out var c) && c.TryGetInt32(out var code) ? code : 0,
                error.TryGetProperty("error_subcode", out var s) && s.TryGetInt32(out var subcode) ? subcode : 0,
                message.Length > 300 ? message[..300] : message);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The outbox payload: the recipient and message, and what decides the messaging type at send time.</summary>
    private sealed record Outgoing(string Address, Purpose Purpose, DateTimeOffset? LastInboundAt, JsonObject Message);
}

public sealed record GraphError(int Code, int Subcode, string Message);
