using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Central.Data.Translation;
using Microsoft.Extensions.Options;

namespace Central.Bot.Translation;

/// <summary>Azure AI Translator (section <c>Translator</c>). Off without a key: no button, no error.</summary>
public sealed class TranslatorOptions
{
    public string Endpoint { get; set; } = "https://api.cognitive.microsofttranslator.com";

    public string? Key { get; set; }

    /// <summary>The resource's region (e.g. southeastasia); required for regional and multi-service resources.</summary>
    public string? Region { get; set; }

    public int TimeoutSeconds { get; set; } = 10;

    public int MaxAttempts { get; set; } = 3;

    public bool Enabled => !string.IsNullOrWhiteSpace(Key);
}

public abstract record Translated
{
    public sealed record Text(string Value, bool FromCache) : Translated;

    /// <summary>The service could not be reached or kept refusing: say "translation unavailable", break nothing.</summary>
    public sealed record Unavailable(string Reason) : Translated;
}

/// <summary>
/// The Translator REST API v3 (<c>/translate</c>, <c>/detect</c>) for caseworkers — never for what the bot says about
/// the law. Each text is paid for once (results kept, encrypted, by content); 429 and 5xx are retried with backoff
/// (honouring Retry-After); a timeout or repeated failure is "unavailable", not an error page.
/// </summary>
public sealed partial class TranslatorClient(IHttpClientFactory clients, TranslationStore store, IOptions<TranslatorOptions> options, TimeProvider time, ILogger<TranslatorClient> logger)
{
    public const string HttpClientName = "translator";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = null };

    public bool Enabled => options.Value.Enabled;

    public async Task<Translated> TranslateAsync(string text, string from, string to, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text) || from == to)
        {
            return new Translated.Text(text, FromCache: true);
        }
        if (await store.FindAsync(text, from, to, cancellationToken) is { } cached)
        {
            return new Translated.Text(cached, FromCache: true);
        }
        var response = await CallAsync($"/translate?api-version=3.0&from={from}&to={to}", text, cancellationToken);
        if (response is not { } body)
        {
            return new Translated.Unavailable("Translator did not answer");
        }
        var result = JsonSerializer.Deserialize<TranslateResult[]>(body, Json)?.FirstOrDefault()?.Translations.FirstOrDefault()?.Text;
        if (result is null)
        {
            return new Translated.Unavailable("Translator gave no translation");
        }
        await store.CountAsync(text.Length, cancellationToken);
        await store.SaveAsync(text, from, to, result, cancellationToken);
        return new Translated.Text(result, FromCache: false);
    }

    /// <summary>The language Translator recognises (a code such as "km", "th"), or null when unsure or unreachable.</summary>
    public async Task<string?> DetectAsync(string text, CancellationToken cancellationToken)
    {
        var response = await CallAsync("/detect?api-version=3.0", text, cancellationToken);
        var detected = response is null ? null : JsonSerializer.Deserialize<DetectResult[]>(response, Json)?.FirstOrDefault();
        if (detected is not null)
        {
            await store.CountAsync(text.Length, cancellationToken);
        }
        return detected is { Score: >= 0.5 } ? detected.Language : null;
    }

    private async Task<string?> CallAsync(string pathAndQuery, string text, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        for (var attempt = 1; attempt <= settings.MaxAttempts; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, settings.Endpoint.TrimEnd('/') + pathAndQuery)
            {
                // The API wants "Text" with a capital T; web defaults would send "text".
                Content = new StringContent(JsonSerializer.Serialize(new[] { new TextItem(text) }, Json), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Ocp-Apim-Subscription-Key", settings.Key);
            if (!string.IsNullOrWhiteSpace(settings.Region))
            {
                request.Headers.Add("Ocp-Apim-Subscription-Region", settings.Region);
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
            TimeSpan? wait;
            try
            {
                using var response = await clients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadAsStringAsync(timeout.Token);
                }
                if (response.StatusCode != HttpStatusCode.TooManyRequests && (int)response.StatusCode < 500)
                {
                    Log.Refused(logger, (int)response.StatusCode);
                    return null;
                }
                wait = response.Headers.RetryAfter?.Delta;
                Log.WillRetry(logger, (int)response.StatusCode, attempt);
            }
            catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                Log.Unreachable(logger, e.GetType().Name, attempt);
                wait = null;
            }
            if (attempt < settings.MaxAttempts)
            {
                await Task.Delay(wait ?? TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt - 1)), time, cancellationToken);
            }
        }
        return null;
    }

    private sealed record TextItem([property: JsonPropertyName("Text")] string Text);

    private sealed record TranslateResult([property: JsonPropertyName("translations")] Translation[] Translations);

    private sealed record Translation([property: JsonPropertyName("text")] string Text, [property: JsonPropertyName("to")] string To);

    private sealed record DetectResult([property: JsonPropertyName("language")] string Language, [property: JsonPropertyName("score")] double Score);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Translator answered {Status} (attempt {Attempt}); retrying")]
        public static partial void WillRetry(ILogger logger, int status, int attempt);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Translator unreachable ({Reason}, attempt {Attempt})")]
        public static partial void Unreachable(ILogger logger, string reason, int attempt);

        [LoggerMessage(Level = LogLevel.Error, Message = "Translator refused the request with {Status}; check Translator:Key and Translator:Region")]
        public static partial void Refused(ILogger logger, int status);
    }
}

public static partial class TranslationSetup
{
    public static WebApplicationBuilder AddTranslation(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TranslatorOptions>().BindConfiguration("Translator");
        // Request logging off: what is translated is worker content.
        builder.Services.AddHttpClient(TranslatorClient.HttpClientName).RemoveAllLoggers();
        builder.Services.AddSingleton<TranslationStore>();
        builder.Services.AddSingleton<TranslatorClient>();
        return builder;
    }

    public static void AnnounceTranslation(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TranslatorOptions>>().Value;
        if (options.Enabled)
        {
            Log.On(app.Logger, options.Endpoint);
        }
        else
        {
            Log.Off(app.Logger);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Translation for caseworkers on ({Endpoint})")]
        public static partial void On(ILogger logger, string endpoint);

        [LoggerMessage(Level = LogLevel.Information, Message = "Translation off: set Translator:Key (and Translator:Region) to offer Khmer ⇄ English translation in the workspace")]
        public static partial void Off(ILogger logger);
    }
}
