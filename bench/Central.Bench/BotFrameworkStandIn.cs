using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Central.Bench;

/// <summary>
/// Stands in for Azure Bot Service: the channels' OpenID metadata and keys, the token endpoint MSAL asks, and the
/// Bot Connector, which answers 200 and notes when each conversation's messages arrive. Signs one channel token the
/// way Azure does (Azure reuses its token too), so the service checks a real RS256 signature on every Activity.
/// </summary>
internal sealed class BotFrameworkStandIn : IAsyncDisposable
{
    public const string AppId = "00000000-0000-4000-8000-0000000bench";
    public const string AppPassword = "bench-client-secret";

    private readonly WebApplication _app;
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly string _kid = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    private readonly ConcurrentDictionary<string, ConcurrentQueue<long>> _arrivals = new();
    private int _messages;

    private BotFrameworkStandIn(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();

    public string ServiceUrl => Url + "/";

    public int Messages => Volatile.Read(ref _messages);

    public Dictionary<string, string> ServiceSettings() => new()
    {
        ["MicrosoftAppType"] = "MultiTenant",
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = AppPassword,
        ["BotFramework__OpenIdMetadataUrl"] = Url + "/v1/.well-known/openidconfiguration",
        ["BotFramework__TokenEndpoint"] = Url + "/botframework.com/oauth2/v2.0/token",
    };

    public static async Task<BotFrameworkStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new BotFrameworkStandIn(app);
        app.MapGet("/v1/.well-known/openidconfiguration", () => Results.Json(new { issuer = "https://api.botframework.com", jwks_uri = standIn.Url + "/v1/.well-known/keys" }));
        app.MapGet("/v1/.well-known/keys", () =>
        {
            var key = standIn._rsa.ExportParameters(false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", kid = standIn._kid, n = Base64UrlEncoder.Encode(key.Modulus), e = Base64UrlEncoder.Encode(key.Exponent), endorsements = new[] { "facebook" } } } });
        });
        app.MapPost("/botframework.com/oauth2/v2.0/token", () => Results.Json(new { token_type = "Bearer", expires_in = 3599, ext_expires_in = 3599, access_token = "bench-connector-token" }));
        app.MapPost("/v3/conversations/{conversationId}/activities/{activityId?}", async (string conversationId, HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            if (body.RootElement.TryGetProperty("type", out var type) && type.GetString() == "message")
            {
                standIn._arrivals.GetOrAdd(conversationId, _ => new()).Enqueue(Stopwatch.GetTimestamp());
                Interlocked.Increment(ref standIn._messages);
            }
            return Results.Json(new { id = Guid.NewGuid().ToString("N") });
        });
        await app.StartAsync();
        return standIn;
    }

    /// <summary>A channel token for our app and this connector, valid for an hour.</summary>
    public string ChannelToken()
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://api.botframework.com",
            Audience = AppId,
            NotBefore = now.AddMinutes(-1),
            IssuedAt = now.AddMinutes(-1),
            Expires = now.AddHours(1),
            Claims = new Dictionary<string, object> { ["serviceurl"] = ServiceUrl },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = _kid }, SecurityAlgorithms.RsaSha256),
        });
    }

    public IReadOnlyList<long> ArrivalsIn(string conversationId) =>
        _arrivals.TryGetValue(conversationId, out var queue) ? queue.ToArray() : [];

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
