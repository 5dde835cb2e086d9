using System.Text.Json;
using Central.Bot.Channels.Messenger;
using Central.Dialogs.Conversation;

namespace Central.Bot.Channels.BotFramework;

/// <summary>
/// Reads an authenticated Activity into channel-neutral turns. Messages carry text, a tapped button's payload and
/// files; a conversationUpdate that adds someone other than the bot starts a conversation (welcome). From Azure's
/// Facebook channel the raw Messenger event rides in <c>channelData</c>: a quick reply's payload is only there (the
/// Activity's text is the tapped title), as are postbacks (Get Started, the persistent menu) and m.me referrals.
/// </summary>
public static class ActivityTurns
{
    public const string Channel = "botframework";
    public const string Facebook = "facebook";

    // key: turns a private string into a stable, keyed, non-reversible id (inbox message ids are stored in clear).
    public static IReadOnlyList<Turn> Read(Activity activity, Func<string, string> key, DateTimeOffset now)
    {
        var channelId = activity.ChannelId!;
        var conversation = activity.Conversation!;
        var bot = activity.Recipient ?? new ChannelAccount(null);
        var at = activity.Timestamp ?? now;
        var activityId = activity.Id ?? Guid.NewGuid().ToString("N");

        Turn TurnFor(ChannelAccount user, string discriminator) => new()
        {
            Id = $"{channelId}:{key($"{conversation.Id}\n{activityId}\n{discriminator}")}",
            Channel = Channel,
            UserId = $"{channelId}:{user.Id}",
            Address = new ConversationReference(channelId, activity.ServiceUrl!, conversation, bot, new ChannelAccount(user.Id), activity.Id, activity.Locale).ToAddress(),
            Locale = activity.Locale,
            Timestamp = at,
        };

        switch (activity.Type)
        {
            case ActivityTypes.ConversationUpdate:
                // Messenger has its own start (Get Started, or the first message); a second welcome would only repeat it.
                if (channelId == Facebook)
                {
                    return [];
                }
                return [.. (activity.MembersAdded ?? [])
                    .Where(m => !string.IsNullOrEmpty(m.Id) && m.Id != bot.Id)
                    .Select(m => TurnFor(m, "added:" + m.Id) with { Kind = TurnKind.Start })];
            case ActivityTypes.Message:
            case ActivityTypes.Event:
                if (activity.From?.Id is not { Length: > 0 } || activity.From.Id == bot.Id)
                {
                    return [];
                }
                var turn = TurnFor(activity.From, "");
                var read = channelId == Facebook && activity.ChannelData is { ValueKind: JsonValueKind.Object } data
                    ? FromMessenger(turn, activity, data)
                    : FromActivity(turn, activity);
                return read is null ? [] : [read];
            default:
                return [];
        }
    }

    private static Turn? FromMessenger(Turn turn, Activity activity, JsonElement data)
    {
        var referral = String(data, "referral", "ref");
        if (Object(data, "postback") is { } postback)
        {
            var payload = String(postback, "payload");
            var start = payload == MessengerWebhook.GetStarted;
            return turn with
            {
                Kind = start ? TurnKind.Start : TurnKind.Message,
                Text = start ? null : String(postback, "title") ?? activity.Text,
                Payload = start ? null : payload,
                Referral = String(postback, "referral", "ref") ?? referral,
            };
        }
        if (Object(data, "message") is { } message)
        {
            if (message.TryGetProperty("is_echo", out var echo) && echo.ValueKind == JsonValueKind.True)
            {
                return null;
            }
            var attachments = MessengerWebhook.Attachments(message);
            return turn with
            {
                Text = activity.Text ?? String(message, "text"),
                Payload = String(message, "quick_reply", "payload"),
                Attachments = attachments.Count > 0 ? attachments : Attachments(activity),
                Referral = referral,
            };
        }
        if (referral is not null)
        {
            return turn with { Kind = TurnKind.Referral, Referral = referral };
        }
        return activity.Type == ActivityTypes.Message ? FromActivity(turn, activity) : null;
    }

    private static Turn? FromActivity(Turn turn, Activity activity)
    {
        if (activity.Type != ActivityTypes.Message)
        {
            // Other channels' events (webchat/join, …) carry nothing the conversation acts on.
            return null;
        }
        var text = activity.Text;
        // A button's payload: postBack/messageBack put it in value (a string, or an object with a payload field);
        // Web Chat's postBack sends it as hidden text marked channelData.postBack.
        var payload = activity.Value switch
        {
            { ValueKind: JsonValueKind.String } value => value.GetString(),
            { ValueKind: JsonValueKind.Object } value => String(value, "payload"),
            _ => null,
        };
        if (payload is null && activity.ChannelData is { ValueKind: JsonValueKind.Object } data
            && data.TryGetProperty("postBack", out var postBack) && postBack.ValueKind == JsonValueKind.True)
        {
            (payload, text) = (text, null);
        }
        var attachments = Attachments(activity);
        if (string.IsNullOrWhiteSpace(text) && payload is null && attachments.Count == 0)
        {
            return null;
        }
        return turn with { Text = text, Payload = payload, Attachments = attachments };
    }

    private static List<TurnAttachment> Attachments(Activity activity) =>
        [.. (activity.Attachments ?? [])
            .Where(a => a.ContentUrl is { Length: > 0 } && a.ContentType is { Length: > 0 })
            .Select(a => new TurnAttachment(KindOf(a.ContentType!), a.ContentUrl, a.ContentType, a.Name))];

    private static string KindOf(string contentType) => contentType.Split('/')[0] switch
    {
        "image" => TurnAttachment.Image,
        "video" => TurnAttachment.Video,
        "audio" => TurnAttachment.Audio,
        _ => TurnAttachment.File,
    };

    private static JsonElement? Object(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

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
}
