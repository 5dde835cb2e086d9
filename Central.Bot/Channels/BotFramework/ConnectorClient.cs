using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Central.Bot.Messaging;
using Central.Dialogs.Conversation.Localization;
using Microsoft.Identity.Client;

namespace Central.Bot.Channels.BotFramework;

/// <summary>
/// Replies through the Bot Connector REST API v3: <c>POST {serviceUrl}/v3/conversations/{id}/activities/{replyToId}</c>
/// for an answer, <c>…/activities</c> for news and caseworkers' messages. A reply swaps <c>from</c>/<c>recipient</c> and
/// copies conversation, channel, service URL and locale; quick replies become suggested actions (postBack: the title
/// shown, the payload as value, which Facebook hands back in <c>quick_reply.payload</c>); for Facebook, Messenger's
/// rules travel in <c>channelData</c> (messaging_type, the HUMAN_AGENT tag) exactly as the direct Messenger channel
/// decides them.
/// </summary>
public sealed class ConnectorClient(IHttpClientFactory clients, ConnectorTokens tokens, TrustedServiceUrls trusted, TimeProvider time) : IReplyChannel
{
    public const string HttpClientName = "botframework-connector";

    /// <summary>Messenger's limits, which Azure's Facebook channel passes on: 2000 characters, 20-character titles.</summary>
    public const int FacebookMaxText = 2000;
    public const int FacebookMaxTitle = 20;

    /// <summary>Azure's Facebook channel takes about 10 suggested actions (Meta itself allows 13 quick replies).</summary>
    public const int FacebookMaxActions = 10;
    public const int MaxActions = 13;
    public const int MaxPayload = 1000;

    private static readonly TimeSpan Window = TimeSpan.FromHours(24);
    private static readonly TimeSpan HumanAgentWindow = TimeSpan.FromDays(7);

    public string Name => ActivityTurns.Channel;

    public IReadOnlyList<string> Prepare(Delivery delivery)
    {
        var reference = ConversationReference.FromAddress(delivery.Address);
        var facebook = reference.ChannelId == ActivityTurns.Facebook;
        var text = KhmerText.Clean(delivery.Message.Text);
        var parts = facebook ? KhmerText.Split(text, FacebookMaxText) : [text];
        var actions = delivery.Message.QuickReplies
            .Where(q => q.Payload.Length <= MaxPayload)
            .Take(facebook ? FacebookMaxActions : MaxActions)
            .Select(q => (JsonNode)new JsonObject
            {
                ["type"] = "postBack",
                ["title"] = facebook ? KhmerText.Cut(q.Title, FacebookMaxTitle) : q.Title,
                ["value"] = q.Payload,
            })
            .ToArray();
        var payloads = new List<string>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            var last = i == parts.Count - 1;
            var activity = new JsonObject { ["type"] = "message", ["text"] = parts[i] };
            if (last && actions.Length > 0)
            {
                activity["suggestedActions"] = new JsonObject { ["actions"] = new JsonArray([.. actions.Select(a => a.DeepClone())]) };
            }
            activity["inputHint"] = last && actions.Length > 0 ? "expectingInput" : "acceptingInput";
            payloads.Add(JsonSerializer.Serialize(new Outgoing(reference, delivery.Purpose, delivery.LastInboundAt, activity), InboxWorker.Json));
        }
        return payloads;
    }

    public async Task<SendResult> SendAsync(string payload, string idempotencyKey, CancellationToken cancellationToken)
    {
        var outgoing = JsonSerializer.Deserialize<Outgoing>(payload, InboxWorker.Json)!;
        var reference = outgoing.Reference;
        if (!trusted.IsTrusted(reference.ServiceUrl))
        {
            return new SendResult.Failed("untrusted_service_url", "The service URL did not come with an authenticated Activity; nothing is sent there.");
        }
        var activity = Address(outgoing.Activity.DeepClone().AsObject(), reference);
        var reply = outgoing.Purpose == Purpose.Reply && reference.ActivityId is not null;
        if (reply)
        {
            activity["replyToId"] = reference.ActivityId;
        }
        if (reference.ChannelId == ActivityTurns.Facebook)
        {
            var since = time.GetUtcNow() - (outgoing.LastInboundAt ?? DateTimeOffset.MinValue);
            if (since <= Window)
            {
                activity["channelData"] = new JsonObject { ["messaging_type"] = outgoing.Purpose == Purpose.Update ? "UPDATE" : "RESPONSE" };
            }
            else if (outgoing.Purpose == Purpose.Human && since <= HumanAgentWindow)
            {
                activity["channelData"] = new JsonObject { ["messaging_type"] = "MESSAGE_TAG", ["tag"] = "HUMAN_AGENT" };
            }
            else
            {
                // Azure drops tagless messages outside Meta's window silently; better to know it here.
                return new SendResult.Failed("outside_window", $"The worker last wrote {since.TotalHours:F0} h ago; Messenger allows this message only within {(outgoing.Purpose == Purpose.Human ? "7 days" : "24 hours")}.");
            }
        }
        return await PostAsync(reference, reply ? reference.ActivityId : null, activity, cancellationToken);
    }

    public async Task SendTypingAsync(string address, CancellationToken cancellationToken)
    {
        var reference = ConversationReference.FromAddress(address);
        if (trusted.IsTrusted(reference.ServiceUrl))
        {
            var typing = Address(new JsonObject { ["type"] = "typing" }, reference);
            if (reference.ActivityId is not null)
            {
                typing["replyToId"] = reference.ActivityId;
            }
            await PostAsync(reference, reference.ActivityId, typing, cancellationToken);
        }
    }

    private static JsonObject Address(JsonObject activity, ConversationReference reference)
    {
        activity["serviceUrl"] = reference.ServiceUrl;
        activity["channelId"] = reference.ChannelId;
        activity["from"] = JsonSerializer.SerializeToNode(reference.Bot, ConversationReference.Json);
        activity["recipient"] = JsonSerializer.SerializeToNode(reference.User, ConversationReference.Json);
        activity["conversation"] = JsonSerializer.SerializeToNode(reference.Conversation, ConversationReference.Json);
        if (reference.Locale is not null)
        {
            activity["locale"] = reference.Locale;
        }
        return activity;
    }

    private async Task<SendResult> PostAsync(ConversationReference reference, string? replyToId, JsonObject activity, CancellationToken cancellationToken)
    {
        var url = $"{reference.ServiceUrl.TrimEnd('/')}/v3/conversations/{Uri.EscapeDataString(reference.Conversation.Id ?? "")}/activities"
            + (replyToId is null ? "" : "/" + Uri.EscapeDataString(replyToId));
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(activity) };
        try
        {
            if (await tokens.GetAsync(cancellationToken) is { } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
        }
        catch (MsalException e)
        {
            return ConnectorTokens.IsBadCredential(e)
                ? new SendResult.Failed("bad_token", $"The token for the connector was refused ({e.ErrorCode}); check MicrosoftAppId and MicrosoftAppPassword.")
                : new SendResult.Retry($"no token for the connector ({e.ErrorCode})");
        }
        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        return Classify(response.StatusCode, response.Headers.RetryAfter);
    }

    /// <summary>200/201/202 are delivered; 5xx, 408 and 429 pass; 401/403 mean our token; any other 4xx is permanent.</summary>
    internal static SendResult Classify(HttpStatusCode status, RetryConditionHeaderValue? retryAfter)
    {
        var code = (int)status;
        var reason = $"HTTP {code}";
        return code switch
        {
            >= 200 and < 300 => SendResult.Ok,
            429 => new SendResult.Retry(reason, retryAfter?.Delta ?? TimeSpan.FromSeconds(30)),
            408 or >= 500 => new SendResult.Retry(reason, retryAfter?.Delta),
            401 or 403 => new SendResult.Failed("bad_token", $"{reason}: the connector refused the bot's token; check MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppType."),
            404 => new SendResult.Failed("conversation_not_found", reason),
            _ => new SendResult.Failed("rejected", reason),
        };
    }

    /// <summary>The outbox payload: where it goes, why, and the Activity without its addressing (added at send time).</summary>
    private sealed record Outgoing(ConversationReference Reference, Purpose Purpose, DateTimeOffset? LastInboundAt, JsonObject Activity);
}

/// <summary>
/// Service URLs the bot may call with its token: each one an authenticated Activity came from (remembered while the
/// process runs), and Azure Bot Service's own connector hosts (https, under botframework.com), so replies queued
/// before a restart or by another instance still go out. In emulator mode, this machine only.
/// </summary>
public sealed class TrustedServiceUrls(BotFrameworkOptions options)
{
    private const int Max = 10_000;
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.OrdinalIgnoreCase);

    public void Trust(string serviceUrl)
    {
        if (_seen.Count < Max)
        {
            _seen.TryAdd(Normalize(serviceUrl), 0);
        }
    }

    public bool IsTrusted(string serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri))
        {
            return false;
        }
        if (options.EmulatorMode)
        {
            return BotFrameworkOptions.IsLoopback(uri);
        }
        return _seen.ContainsKey(Normalize(serviceUrl))
            || (uri.Scheme == Uri.UriSchemeHttps && uri.Host.EndsWith(".botframework.com", StringComparison.OrdinalIgnoreCase));
    }

    private static string Normalize(string serviceUrl) => serviceUrl.TrimEnd('/');
}
