using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Central.Tests.Hosting;

/// <summary>
/// A loopback stand-in for Azure AI Translator v3: records each call (path, query, headers, body) and answers
/// like the service — or with 429s or a stall when told to.
/// </summary>
public sealed class TranslatorStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TranslatorStandIn(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();

    public ConcurrentQueue<TranslatorCall> Calls { get; } = new();

    /// <summary>Answers for the next calls, in order: a status code (429, 503) or 0 for a stall longer than any timeout.</summary>
    public ConcurrentQueue<int> Misbehave { get; } = new();

    /// <summary>What "translation" returns for a text; by default the text in brackets with the target language.</summary>
    public Func<string, string, string> Translate { get; set; } = (text, to) => $"[{to}] {text}";

    public static async Task<TranslatorStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new TranslatorStandIn(app);
        app.MapPost("/{operation}", async (string operation, HttpRequest request, CancellationToken cancellationToken) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync(cancellationToken);
            standIn.Calls.Enqueue(new TranslatorCall(operation, request.QueryString.Value ?? "",
                request.Headers["Ocp-Apim-Subscription-Key"].ToString(), request.Headers["Ocp-Apim-Subscription-Region"].ToString(),
                request.ContentType ?? "", body));
            if (standIn.Misbehave.TryDequeue(out var status))
            {
                if (status == 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
                }
                return Results.Json(new { error = new { code = status * 100 + 1, message = "stand-in" } }, statusCode: status == 0 ? 503 : status);
            }
            var text = JsonNode.Parse(body)![0]!["Text"]!.GetValue<string>();
            return operation == "detect"
                ? Results.Json(new[] { new { language = text.Any(c => c is >= '\u0E00' and <= '\u0E7F') ? "th" : "en", score = 1.0, isTranslationSupported = true } })
                : Results.Json(new[] { new { translations = new[] { new { text = standIn.Translate(text, request.Query["to"].ToString()), to = request.Query["to"].ToString() } } } });
        });
        await app.StartAsync();
        return standIn;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed record TranslatorCall(string Operation, string Query, string Key, string Region, string ContentType, string Body);
