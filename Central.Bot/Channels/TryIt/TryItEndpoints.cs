using System.Text.RegularExpressions;
using Central.Bot.Channels.BotFramework;
using Central.Dialogs.Conversation;

namespace Central.Bot.Channels.TryIt;

public static partial class TryItEndpoints
{
    /// <summary>
    /// The try-it chat (on by default only in Development): a small Bot Framework client. <c>GET /</c> serves the page,
    /// which posts Activities to <c>/api/messages</c> like the Emulator does, with <c>{origin}/tryit</c> as its service
    /// URL; <c>/tryit/v3/conversations/…</c> takes the bot's Connector calls into the tab's mailbox, and
    /// <c>GET /tryit/messages</c> long-polls it. It needs emulator mode: the page has no token to send.
    /// </summary>
    public static WebApplicationBuilder AddTryIt(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue("TryIt:Enabled", builder.Environment.IsDevelopment()))
        {
            builder.Services.AddSingleton<TryItMailbox>();
        }
        return builder;
    }

    public static WebApplication MapTryIt(this WebApplication app)
    {
        var botFramework = app.Services.GetRequiredService<BotFrameworkOptions>();
        if (app.Services.GetService<TryItMailbox>() is null)
        {
            return app;
        }
        if (!botFramework.Enabled || !botFramework.EmulatorMode)
        {
            Log.NeedsEmulatorMode(app.Logger);
            return app;
        }
        app.MapGet("/", () => Results.Stream(typeof(TryItEndpoints).Assembly.GetManifestResourceStream("Central.Bot.Channels.TryIt.index.html")!, "text/html; charset=utf-8"));
        app.MapPost("/tryit/v3/conversations/{conversationId}/activities/{replyToId?}", (string conversationId, ConnectorActivity activity, TryItMailbox mailbox) =>
        {
            if (!UserPattern().IsMatch(conversationId) || activity.Text?.Length > 20_000)
            {
                return Results.BadRequest();
            }
            if (activity.Type == "message")
            {
                var buttons = activity.SuggestedActions?.Actions ?? [];
                mailbox.Deliver(conversationId, new OutgoingMessage(activity.Text ?? "", [.. buttons.Select(a => new QuickReply(a.Title ?? a.Value ?? "", a.Value ?? a.Title ?? ""))]));
            }
            return Results.Ok(new { id = Guid.NewGuid().ToString("N") });
        }).DisableAntiforgery();
        app.MapGet("/tryit/messages", async (string user, int after, TryItMailbox mailbox, CancellationToken cancellationToken) =>
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

    /// <summary>What the page's connector reads of the bot's Activity.</summary>
    public sealed record ConnectorActivity(string? Type, string? Text, ConnectorActions? SuggestedActions);

    public sealed record ConnectorActions(IReadOnlyList<ConnectorAction>? Actions);

    public sealed record ConnectorAction(string? Type, string? Title, string? Value);

    [GeneratedRegex("^try-[0-9a-f-]{8,64}$")]
    private static partial Regex UserPattern();

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Try-it page off: it talks to /api/messages in emulator mode only, and Bot Framework credentials are set")]
        public static partial void NeedsEmulatorMode(ILogger logger);
    }
}
