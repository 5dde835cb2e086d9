using System.Net.Http.Headers;
using System.Text;
using Central.Bot.Messaging;
using Central.Dialogs.Cases.Intake;
using Microsoft.Extensions.Options;

namespace Central.Bot.Cases;

/// <summary>Where urgent-case alerts go (section <c>Cases</c>).</summary>
public sealed class CasesOptions
{
    /// <summary>A URL that receives a POST with the case number and why it is urgent (a chat webhook, an SMS gateway…).</summary>
    public string? UrgentWebhookUrl { get; set; }
}

/// <summary>
/// Delivers urgent-case alerts from the outbox to the configured webhook, retried like any message. Without a
/// webhook the alert is logged (case number only) and the case still tops the workspace queue.
/// </summary>
public sealed partial class UrgentAlertChannel(IHttpClientFactory clients, IOptions<CasesOptions> options, ILogger<UrgentAlertChannel> logger) : IReplyChannel
{
    public const string HttpClientName = "alerts";

    public string Name => UrgentAlerts.Channel;

    public IReadOnlyList<string> Prepare(Delivery delivery) => throw new NotSupportedException("Alerts are queued ready to send.");

    public async Task<SendResult> SendAsync(string payload, CancellationToken cancellationToken)
    {
        if (options.Value.UrgentWebhookUrl is not { Length: > 0 } url)
        {
            Log.NoWebhook(logger, System.Text.Json.JsonDocument.Parse(payload).RootElement.GetProperty("caseNumber").GetString() ?? "?");
            return SendResult.Ok;
        }
        using var content = new StringContent(payload, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        using var response = await clients.CreateClient(HttpClientName).PostAsync(url, content, cancellationToken);
        return response.IsSuccessStatusCode ? SendResult.Ok
            : (int)response.StatusCode >= 500 || (int)response.StatusCode == 429 ? new SendResult.Retry($"HTTP {(int)response.StatusCode}", response.Headers.RetryAfter?.Delta)
            : new SendResult.Failed("rejected", $"The urgent-case webhook answered HTTP {(int)response.StatusCode}.");
    }

    public Task SendTypingAsync(string address, CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Urgent case {CaseNumber}: no Cases:UrgentWebhookUrl is set, so nobody was alerted outside the workspace")]
        public static partial void NoWebhook(ILogger logger, string caseNumber);
    }
}

public static class CasesSetup
{
    /// <summary>Complaint intake, follow-up and data deletion in the conversation, and urgent-case alerts.</summary>
    public static WebApplicationBuilder AddCases(this WebApplicationBuilder builder)
    {
        Central.Dialogs.Cases.CasesServices.AddCases(builder.Services);
        builder.Services.AddOptions<CasesOptions>().BindConfiguration("Cases");
        builder.Services.AddHttpClient(UrgentAlertChannel.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(20));
        builder.Services.AddSingleton<IReplyChannel, UrgentAlertChannel>();
        return builder;
    }
}
