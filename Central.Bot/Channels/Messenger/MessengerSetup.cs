using Central.Bot.Messaging;
using Microsoft.Extensions.Options;

namespace Central.Bot.Channels.Messenger;

public static partial class MessengerSetup
{
    /// <summary>The direct Messenger channel: on when its three secrets are set, off (and said so) when not.</summary>
    public static WebApplicationBuilder AddMessenger(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MessengerOptions>().BindConfiguration("Messenger");
        // No request logging on this client: the page token travels in the query string.
        builder.Services.AddHttpClient(MessengerSendApi.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(20)).RemoveAllLoggers();
        builder.Services.AddSingleton<MessengerSendApi>();
        builder.Services.AddSingleton<IReplyChannel>(sp => sp.GetRequiredService<MessengerSendApi>());
        return builder;
    }

    public static void AnnounceMessenger(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MessengerOptions>>().Value;
        if (options.Enabled)
        {
            Log.On(app.Logger, options.GraphApiUrl);
        }
        else
        {
            Log.Off(app.Logger);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Messenger channel on: webhook at /api/messenger, Send API at {GraphApiUrl}")]
        public static partial void On(ILogger logger, string graphApiUrl);

        [LoggerMessage(Level = LogLevel.Information, Message = "Messenger channel off: set Messenger:AppSecret, Messenger:VerifyToken and Messenger:PageAccessToken to turn it on")]
        public static partial void Off(ILogger logger);
    }
}
