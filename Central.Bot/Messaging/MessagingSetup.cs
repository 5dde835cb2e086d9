using Central.Dialogs;

namespace Central.Bot.Messaging;

public static class MessagingSetup
{
    /// <summary>The conversation core, and the workers that run it between the inbox and the outbox.</summary>
    public static WebApplicationBuilder AddMessaging(this WebApplicationBuilder builder)
    {
        builder.Services.AddConversation();
        builder.Services.AddOptions<MessagingOptions>().BindConfiguration("Messaging").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<MessagingSignal>();
        builder.Services.AddSingleton<SenderRateLimit>();
        builder.Services.AddSingleton<Instance>();
        builder.Services.AddSingleton<ReplyChannels>();
        builder.Services.AddHostedService<InboxWorker>();
        builder.Services.AddHostedService<OutboxWorker>();
        builder.Services.AddHostedService<RetentionWorker>();
        return builder;
    }
}
