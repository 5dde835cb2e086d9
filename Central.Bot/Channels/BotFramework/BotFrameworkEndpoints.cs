using System.Text.Json;
using Central.Bot.Messaging;
using Central.Bot.Observability;
using Central.Data.Contacts;
using Central.Data.Messaging;
using Central.Data.Storage;
using Microsoft.AspNetCore.Http.Features;

namespace Central.Bot.Channels.BotFramework;

public static partial class BotFrameworkEndpoints
{
    private const int MaxChannelId = 50;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The Bot Framework host: settings (a wrong one stops start-up by name), the channels' signing keys, the connector
    /// client as a reply channel, and MSAL for its token.
    /// </summary>
    public static WebApplicationBuilder AddBotFramework(this WebApplicationBuilder builder)
    {
        var options = BotFrameworkOptions.Read(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(options);
        if (!options.Enabled)
        {
            return builder;
        }
        builder.Services.AddHttpClient(SigningKeys.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10));
        var login = builder.Services.AddHttpClient(ConnectorTokens.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(20)).RemoveAllLoggers();
        if (options.TokenEndpoint is { } endpoint)
        {
            login.AddHttpMessageHandler(() => new TokenEndpointOverride(endpoint));
        }
        // No request logging: connector paths carry conversation ids, which for Facebook contain the worker's PSID.
        builder.Services.AddHttpClient(ConnectorClient.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(20)).RemoveAllLoggers();
        builder.Services.AddSingleton<SigningKeys>();
        builder.Services.AddSingleton<ChannelAuthentication>();
        builder.Services.AddSingleton<ConnectorTokens>();
        builder.Services.AddSingleton<TrustedServiceUrls>();
        builder.Services.AddSingleton<ConnectorClient>();
        builder.Services.AddSingleton<IReplyChannel>(sp => sp.GetRequiredService<ConnectorClient>());
        return builder;
    }

    /// <summary>
    /// <c>POST /api/messages</c>: the token first (nothing is stored without it), then the Activity's turns into the
    /// inbox and 200 at once; the replies go out later through the connector. An invoke nobody handles gets 501.
    /// </summary>
    public static WebApplication MapBotFramework(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<BotFrameworkOptions>();
        if (!options.Enabled)
        {
            Log.Off(app.Logger, BotFrameworkOptions.EnabledSetting);
            return app;
        }
        if (options.EmulatorMode)
        {
            Log.EmulatorMode(app.Logger, BotFrameworkOptions.AppIdSetting, BotFrameworkOptions.AppPasswordSetting);
        }
        else
        {
            Log.On(app.Logger, options.AppType.ToString(), options.OpenIdMetadataUrl);
        }
        app.MapPost("/api/messages", ReceiveAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, BotFrameworkOptions options, ChannelAuthentication authentication, TrustedServiceUrls trusted,
        InboxStore inbox, ContactStore contacts, PersonalDataCipher cipher, MessagingSignal signal, SenderRateLimit senders, Telemetry telemetry, TimeProvider time,
        ILoggerFactory loggers, IHostApplicationLifetime lifetime)
    {
        var logger = loggers.CreateLogger(typeof(BotFrameworkEndpoints));
        var authorization = http.Request.Headers.Authorization.ToString();
        if (!options.EmulatorMode && string.IsNullOrEmpty(authorization))
        {
            Log.Unauthenticated(logger);
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }
        if (http.Request.ContentLength > options.MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxBodyBytes;
        }
        Activity? activity;
        try
        {
            activity = await JsonSerializer.DeserializeAsync<Activity>(http.Request.Body, Json, http.RequestAborted);
        }
        catch (BadHttpRequestException e)
        {
            return Results.StatusCode(e.StatusCode);
        }
        catch (JsonException)
        {
            Log.Unreadable(logger);
            return Results.BadRequest();
        }
        if (activity?.Type is not { Length: > 0 } type)
        {
            Log.Unreadable(logger);
            return Results.BadRequest();
        }
        var answers = type is ActivityTypes.Message or ActivityTypes.ConversationUpdate or ActivityTypes.Event or ActivityTypes.Invoke;
        if (answers && (activity.ChannelId is not { Length: > 0 and <= MaxChannelId } || activity.Conversation?.Id is not { Length: > 0 }
            || !Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp)))
        {
            Log.Incomplete(logger, type);
            return Results.BadRequest();
        }
        if (await authentication.CheckAsync(authorization, activity, http.RequestAborted) != Refusal.None)
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }
        if (!answers)
        {
            // typing, endOfConversation, messageReaction, installationUpdate, …: acknowledged, nothing to do.
            return Results.Ok();
        }
        trusted.Trust(activity.ServiceUrl!);
        if (type == ActivityTypes.Invoke)
        {
            // The SDK's ActivityHandler answers the portal's health check and nothing else by default.
            return activity.Name == "healthCheck"
                ? Results.Json(new { healthResults = new { success = true, messages = new[] { "Health check succeeded." } } })
                : Results.StatusCode(StatusCodes.Status501NotImplemented);
        }
        // The work outlives the request: the channel may hang up, but what was acknowledged must be stored.
        var stopping = lifetime.ApplicationStopping;
        var turns = ActivityTurns.Read(activity, cipher.LookupKey, time.GetUtcNow());
        var added = 0;
        foreach (var turn in turns)
        {
            var sender = contacts.UserKey(turn.Channel, turn.UserId);
            if (!senders.TryTake(sender))
            {
                telemetry.RateLimited.Add(1, new KeyValuePair<string, object?>("channel", ActivityTurns.Channel));
                continue;
            }
            if (await inbox.TryAddAsync(ActivityTurns.Channel, turn.Id, sender, JsonSerializer.Serialize(turn, InboxWorker.Json), stopping))
            {
                added++;
            }
        }
        if (added > 0)
        {
            signal.InboxChanged();
        }
        Log.Received(logger, type, activity.ChannelId!, turns.Count, added);
        return Results.Ok();
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Bot Framework endpoint on at /api/messages: {AppType} bot, channel keys from {MetadataUrl}")]
        public static partial void On(ILogger logger, string appType, string metadataUrl);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Bot Framework endpoint /api/messages in EMULATOR MODE: no authentication, replies only to this machine (Development only; set {AppId} and {AppPassword} to authenticate)")]
        public static partial void EmulatorMode(ILogger logger, string appId, string appPassword);

        [LoggerMessage(Level = LogLevel.Information, Message = "Bot Framework endpoint off ({Setting}=false)")]
        public static partial void Off(ILogger logger, string setting);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Bot Framework {Type} from {ChannelId}: {Turns} turn(s), {Added} new")]
        public static partial void Received(ILogger logger, string type, string channelId, int turns, int added);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Bot Framework Activity without a bearer token refused with 401")]
        public static partial void Unauthenticated(ILogger logger);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Bot Framework body is not an Activity with a type; refused with 400")]
        public static partial void Unreadable(ILogger logger);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Bot Framework {Type} without channelId, conversation id or serviceUrl; refused with 400")]
        public static partial void Incomplete(ILogger logger, string type);
    }
}
