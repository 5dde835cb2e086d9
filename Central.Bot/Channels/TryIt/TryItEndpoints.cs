using System.Text.Json;
using System.Text.RegularExpressions;
using Central.Bot.Messaging;
using Central.Data.Contacts;
using Central.Data.Messaging;
using Central.Dialogs.Conversation;

namespace Central.Bot.Channels.TryIt;

public sealed record TryItMessage(string User, string? Id, string? Text, string? Payload);

public static partial class TryItEndpoints
{
    /// <summary>
    /// The try-it chat (on by default only in Development): <c>GET /</c> serves the page, <c>POST /api/try</c> puts a
    /// message in the inbox like any channel, and <c>GET /api/try/messages</c> long-polls the tab's replies.
    /// </summary>
    public static WebApplicationBuilder AddTryIt(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue("TryIt:Enabled", builder.Environment.IsDevelopment()))
        {
            builder.Services.AddSingleton<TryItMailbox>();
            builder.Services.AddSingleton<IReplyChannel, TryItChannel>();
        }
        return builder;
    }

    public static WebApplication MapTryIt(this WebApplication app)
    {
        if (app.Services.GetService<TryItMailbox>() is null)
        {
            return app;
        }
        app.MapGet("/", () => Results.Stream(typeof(TryItEndpoints).Assembly.GetManifestResourceStream("Central.Bot.Channels.TryIt.index.html")!, "text/html; charset=utf-8"));
        app.MapPost("/api/try", ReceiveAsync).DisableAntiforgery();
        app.MapGet("/api/try/messages", async (string user, int after, TryItMailbox mailbox, CancellationToken cancellationToken) =>
        {
            if (!UserPattern().IsMatch(user))
            {
                return Results.BadRequest();
            }
            var (messages, total) = await mailbox.ReadAsync(user, Math.Max(0, after), TimeSpan.FromSeconds(20), cancellationToken);
            return Results.Json(new { messages, total });
        });
        return app;
    }

    private static async Task<IResult> ReceiveAsync(TryItMessage message, InboxStore inbox, ContactStore contacts, MessagingSignal signal,
        TimeProvider time, IHostApplicationLifetime lifetime)
    {
        if (!UserPattern().IsMatch(message.User) || message.Text?.Length > 5000 || message.Payload?.Length > 1000)
        {
            return Results.BadRequest();
        }
        var id = message.Id is { Length: > 0 and <= 100 } given ? given : Guid.NewGuid().ToString("N");
        var turn = new Turn
        {
            Id = $"{message.User}:{id}",
            Channel = TryItChannel.ChannelName,
            UserId = message.User,
            Address = message.User,
            Kind = message.Payload == "GET_STARTED" ? TurnKind.Start : TurnKind.Message,
            Text = message.Text,
            Payload = message.Payload == "GET_STARTED" ? null : message.Payload,
            Timestamp = time.GetUtcNow(),
        };
        await inbox.TryAddAsync(TryItChannel.ChannelName, turn.Id, contacts.UserKey(turn.Channel, turn.UserId),
            JsonSerializer.Serialize(turn, InboxWorker.Json), lifetime.ApplicationStopping);
        signal.InboxChanged();
        return Results.Accepted();
    }

    [GeneratedRegex("^try-[0-9a-f-]{8,64}$")]
    private static partial Regex UserPattern();
}
