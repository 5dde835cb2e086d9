using System.Globalization;
using System.Text.Json;
using Central.Dialogs.Conversation;

namespace Central.Bot.Channels.Messenger;

/// <summary>A read or delivery receipt: recorded, never answered.</summary>
public sealed record Receipt(string UserId, string Kind, DateTimeOffset At);

/// <summary>What a webhook body held: turns to process, receipts to record, echoes of our own sends (their
/// metadata), and how many events were ignored.</summary>
public sealed record WebhookEvents(IReadOnlyList<Turn> Turns, IReadOnlyList<Receipt> Receipts, IReadOnlyList<string> Echoes, int Ignored);

/// <summary>
/// Reads a Messenger webhook body into channel-neutral turns. Several entries with several events each can arrive
/// at once. Echoes of our own messages and events for another app (<c>standby</c>) are ignored; unknown event types
/// are counted, not failed on.
/// </summary>
public static class MessengerWebhook
{
    public const string Channel = "messenger";
    public const string GetStarted = "GET_STARTED";

    /// <exception cref="JsonException">The body is not a Messenger webhook.</exception>
    public static WebhookEvents Parse(ReadOnlySpan<byte> body)
    {
        using var document = JsonDocument.Parse(body.ToArray());
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("A Messenger webhook body has an \"entry\" array.");
        }
        var turns = new List<Turn>();
        var receipts = new List<Receipt>();
        var echoes = new List<string>();
        var ignored = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("standby", out var standby) && standby.ValueKind == JsonValueKind.Array)
            {
                ignored += standby.GetArrayLength();
            }
            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("messaging", out var events) || events.ValueKind != JsonValueKind.Array)
            {
                continue;
            }
            foreach (var messaging in events.EnumerateArray())
            {
                switch (Read(messaging))
                {
                    case Turn turn:
                        turns.Add(turn);
                        break;
                    case Receipt receipt:
                        receipts.Add(receipt);
                        break;
                    case Echo echo:
                        echoes.Add(echo.Metadata);
                        break;
                    default:
                        ignored++;
                        break;
                }
            }
        }
        return new WebhookEvents(turns, receipts, echoes, ignored);
    }

    private static object? Read(JsonElement messaging)
    {
        if (messaging.ValueKind != JsonValueKind.Object || String(messaging, "sender", "id") is not { Length: > 0 } sender)
        {
            return null;
        }
        var milliseconds = messaging.TryGetProperty("timestamp", out var ts) && ts.TryGetInt64(out var value) ? value : 0;
        var at = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        var stamp = milliseconds.ToString(CultureInfo.InvariantCulture);
        var turn = new Turn { Id = "", Channel = Channel, UserId = sender, Address = sender, Timestamp = at };

        if (messaging.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object)
        {
            if (message.TryGetProperty("is_echo", out var echo) && echo.ValueKind == JsonValueKind.True)
            {
                // Our own message coming back: never answered; its metadata confirms the send.
                return String(message, "metadata") is { } metadata ? new Echo(metadata) : null;
            }
            return String(message, "mid") is { Length: > 0 } mid
                ? turn with
                {
                    Id = mid,
                    Text = String(message, "text"),
                    Payload = String(message, "quick_reply", "payload"),
                    Attachments = Attachments(message),
                }
                : null;
        }
        if (messaging.TryGetProperty("postback", out var postback) && postback.ValueKind == JsonValueKind.Object)
        {
            var payload = String(postback, "payload");
            var start = payload == GetStarted;
            return turn with
            {
                Id = String(postback, "mid") ?? $"postback:{sender}:{stamp}:{payload}",
                Kind = start ? TurnKind.Start : TurnKind.Message,
                Text = start ? null : String(postback, "title"),
                Payload = start ? null : payload,
                Referral = String(postback, "referral", "ref"),
            };
        }
        if (messaging.TryGetProperty("referral", out var referral) && referral.ValueKind == JsonValueKind.Object)
        {
            return turn with { Id = $"referral:{sender}:{stamp}", Kind = TurnKind.Referral, Referral = String(referral, "ref") };
        }
        foreach (var kind in (string[])["read", "delivery"])
        {
            if (messaging.TryGetProperty(kind, out var receipt) && receipt.ValueKind == JsonValueKind.Object)
            {
                var watermark = receipt.TryGetProperty("watermark", out var w) && w.TryGetInt64(out var wm) ? DateTimeOffset.FromUnixTimeMilliseconds(wm) : at;
                return new Receipt(sender, kind, watermark);
            }
        }
        return null;
    }

    private sealed record Echo(string Metadata);

    internal static List<TurnAttachment> Attachments(JsonElement message)
    {
        var list = new List<TurnAttachment>();
        if (!message.TryGetProperty("attachments", out var attachments) || attachments.ValueKind != JsonValueKind.Array)
        {
            return list;
        }
        foreach (var attachment in attachments.EnumerateArray())
        {
            var type = String(attachment, "type");
            if (type is TurnAttachment.Location)
            {
                var coordinates = attachment.TryGetProperty("payload", out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("coordinates", out var c) ? c : default;
                list.Add(new TurnAttachment(type, null, Latitude: Number(coordinates, "lat"), Longitude: Number(coordinates, "long")));
            }
            else if (type is TurnAttachment.Image or TurnAttachment.Video or TurnAttachment.Audio or TurnAttachment.File)
            {
                list.Add(new TurnAttachment(type, String(attachment, "payload", "url")));
            }
        }
        return list;
    }

    private static string? String(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }
        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    private static double? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.TryGetDouble(out var number) ? number : null;
}
