using System.Text.Json.Nodes;
using Central.Bot.Messaging;
using Central.Dialogs.Conversation;
using Central.Dialogs.Conversation.Localization;
using Central.Dialogs.Conversation.Menu;
using Microsoft.Extensions.Options;

namespace Central.Bot.Channels.Messenger;

/// <summary>
/// <c>dotnet run --project Central.Bot -- messenger-profile</c>: sets the page's Get Started button, greeting and
/// persistent menu from the bot's own string tables. Meta has no Khmer locale, so the default entries carry both
/// languages.
/// </summary>
public static class MessengerProfile
{
    public const int MaxGreeting = 160;
    public const int MaxMenuTitle = 30;

    public static JsonObject Build()
    {
        string Both(Text text, string separator) => $"{text.Render(Language.Km)}{separator}{text.Render(Language.En)}";
        JsonObject Postback(Text title, string payload) => new()
        {
            ["type"] = "postback",
            ["title"] = KhmerText.Cut(Both(title, " / "), MaxMenuTitle),
            ["payload"] = payload,
        };
        return new JsonObject
        {
            ["get_started"] = new JsonObject { ["payload"] = MessengerWebhook.GetStarted },
            ["greeting"] = new JsonArray(new JsonObject { ["locale"] = "default", ["text"] = KhmerText.Cut(Both(MenuTexts.ProfileGreeting, "\n"), MaxGreeting) }),
            ["persistent_menu"] = new JsonArray(new JsonObject
            {
                ["locale"] = "default",
                ["composer_input_disabled"] = false,
                ["call_to_actions"] = new JsonArray(
                    Postback(MenuTexts.ProfileAsk, MainMenu.AskPayload),
                    Postback(MenuTexts.ProfileReport, MainMenu.ReportPayload),
                    Postback(MenuTexts.ProfileCheckCase, MainMenu.CasePayload),
                    Postback(MenuTexts.ProfilePerson, GlobalCommands.PersonPayload),
                    Postback(MenuTexts.ProfileLanguage, GlobalCommands.LanguagePayload)),
            }),
        };
    }

    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<MessengerOptions>>().Value;
        if (string.IsNullOrWhiteSpace(options.PageAccessToken))
        {
            await output.WriteLineAsync("Messenger:PageAccessToken is not set; the profile cannot be sent.");
            return 1;
        }
        var result = await services.GetRequiredService<MessengerSendApi>().PostAsync("me/messenger_profile", Build(), cancellationToken);
        await output.WriteLineAsync(result switch
        {
            SendResult.Sent => $"Messenger profile set: Get Started, greeting and a {MainMenu.Choices.Count}-item persistent menu in Khmer and English.",
            SendResult.Failed failed => $"Meta refused the profile ({failed.Kind}): {failed.Reason}",
            SendResult.Retry retry => $"Meta could not take the profile now ({retry.Reason}); try again later.",
            _ => "Unexpected result.",
        });
        return result is SendResult.Sent ? 0 : 1;
    }
}
