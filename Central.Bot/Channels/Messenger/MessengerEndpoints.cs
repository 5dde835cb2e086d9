using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Central.Bot.Messaging;
using Central.Bot.Observability;
using Central.Data.Contacts;
using Central.Data.Messaging;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Central.Bot.Channels.Messenger;

public static partial class MessengerEndpoints
{
    /// <summary>
    /// <c>GET /api/messenger</c> answers Meta's subscription check; <c>POST /api/messenger</c> takes events: signature
    /// first (nothing is read or stored without it), then each event into the inbox, then 200 — processing comes after.
    /// </summary>
    public static WebApplication MapMessenger(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<MessengerOptions>>().Value.Enabled)
        {
            return app;
        }
        app.MapGet("/api/messenger", Verify);
        app.MapPost("/api/messenger", ReceiveAsync).DisableAntiforgery();
        return app;
    }

    private static IResult Verify(HttpRequest request, IOptions<MessengerOptions> options)
    {
        var token = request.Query["hub.verify_token"].ToString();
        var expected = options.Value.VerifyToken!;
        var matches = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(expected));
        return request.Query["hub.mode"] == "subscribe" && matches
            ? Results.Text(request.Query["hub.challenge"].ToString(), "text/plain")
            : Results.StatusCode(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, IOptions<MessengerOptions> options, InboxStore inbox, OutboxStore outbox, ContactStore contacts,
        MessagingSignal signal, SenderRateLimit senders, Telemetry telemetry, ILoggerFactory loggers, IHostApplicationLifetime lifetime)
    {
        var logger = loggers.CreateLogger(typeof(MessengerEndpoints));
        var settings = options.Value;
        if (http.Request.ContentLength > settings.MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = settings.MaxBodyBytes;
        }
        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException e)
        {
            return Results.StatusCode(e.StatusCode);
        }
        var signature = http.Request.Headers["X-Hub-Signature-256"].ToString();
        if (string.IsNullOrEmpty(signature))
        {
            Log.Unsigned(logger);
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }
        if (!MessengerSignature.IsValid(settings.AppSecret!, body, signature))
        {
            Log.BadSignature(logger);
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        WebhookEvents events;
        try
        {
            events = MessengerWebhook.Parse(body);
        }
        catch (JsonException)
        {
            Log.Unreadable(logger, body.Length);
            return Results.BadRequest();
        }
        // The work outlives the request: Meta may hang up, but what was acknowledged must be stored.
        var stopping = lifetime.ApplicationStopping;
        var added = 0;
        foreach (var turn in events.Turns)
        {
            var sender = contacts.UserKey(turn.Channel, turn.UserId);
            if (!senders.TryTake(sender))
            {
                telemetry.RateLimited.Add(1, new KeyValuePair<string, object?>("channel", MessengerWebhook.Channel));
                Log.RateLimited(logger);
                continue;
            }
            if (await inbox.TryAddAsync(MessengerWebhook.Channel, turn.Id, sender, JsonSerializer.Serialize(turn, InboxWorker.Json), stopping))
            {
                added++;
            }
        }
        foreach (var receipt in events.Receipts)
        {
            await contacts.RecordReceiptAsync(MessengerWebhook.Channel, receipt.UserId, receipt.Kind, receipt.At, stopping);
        }
        foreach (var metadata in events.Echoes.Where(m => m.StartsWith(MessengerSendApi.EchoPrefix, StringComparison.Ordinal)))
        {
            await outbox.ConfirmAsync(metadata[MessengerSendApi.EchoPrefix.Length..], stopping);
        }
        if (added > 0)
        {
            signal.InboxChanged();
        }
        Log.Received(logger, events.Turns.Count, added, events.Receipts.Count, events.Ignored);
        return Results.Text("EVENT_RECEIVED");
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Messenger webhook: {Turns} message event(s), {Added} new, {Receipts} receipt(s), {Ignored} ignored")]
        public static partial void Received(ILogger logger, int turns, int added, int receipts, int ignored);

        [LoggerMessage(Level = LogLevel.Warning, Message = "A Messenger sender went past the per-sender limit; the message was acknowledged but not processed")]
        public static partial void RateLimited(ILogger logger);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Messenger webhook without X-Hub-Signature-256 refused")]
        public static partial void Unsigned(ILogger logger);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Messenger webhook with a wrong signature refused")]
        public static partial void BadSignature(ILogger logger);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Signed Messenger webhook body of {Length} bytes is not a webhook; refused with 400")]
        public static partial void Unreadable(ILogger logger, int length);
    }
}
