using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Central.Tests.Hosting;

/// <summary>
/// Azure Bot Service on loopback: the channels' OpenID metadata and JWKS (RSA keys made here, with endorsements),
/// the Entra ID token endpoint MSAL asks, and the Bot Connector that takes the bot's replies — recording each call
/// and, when told, failing the next ones.
/// </summary>
public sealed class BotFrameworkStandIn : IAsyncDisposable
{
    public const string AppId = "8a9111f1-0000-4000-8000-00000000c3a1";
    public const string AppPassword = "test-client-secret";
    public const string Issuer = "https://api.botframework.com";

    private readonly WebApplication _app;
    private readonly List<SigningKeyPair> _published = [];
    private readonly ConcurrentQueue<int> _failures = new();
    private readonly List<ConnectorCall> _calls = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _keyFetches;
    private int _tokenRequests;

    private BotFrameworkStandIn(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();

    /// <summary>Where Activities say replies go (the connector), as Azure sends it: with a trailing slash.</summary>
    public string ServiceUrl => Url + "/";

    public SigningKeyPair CurrentKey { get; private set; } = null!;

    public int KeyFetches => Volatile.Read(ref _keyFetches);

    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>The access token the token endpoint hands out (what the connector must see as bearer).</summary>
    public string AccessToken { get; } = "connector-token-" + Guid.NewGuid().ToString("N");

    public IReadOnlyDictionary<string, string> TokenRequestForm { get; private set; } = new Dictionary<string, string>();

    /// <summary>The settings that point the service at this stand-in with real authentication on.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["MicrosoftAppType"] = "MultiTenant",
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = AppPassword,
        ["BotFramework:OpenIdMetadataUrl"] = Url + "/v1/.well-known/openidconfiguration",
        ["BotFramework:TokenEndpoint"] = Url + "/botframework.com/oauth2/v2.0/token",
    };

    public static async Task<BotFrameworkStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new BotFrameworkStandIn(app);
        standIn.Publish(new SigningKeyPair("facebook", "emulator", "webchat"));
        app.MapGet("/v1/.well-known/openidconfiguration", () => Results.Json(new
        {
            issuer = Issuer,
            authorization_endpoint = "https://invalid.example/v1/.well-known/authorize",
            jwks_uri = standIn.Url + "/v1/.well-known/keys",
            id_token_signing_alg_values_supported = new[] { "RS256" },
            token_endpoint_auth_methods_supported = new[] { "private_key_jwt" },
        }));
        app.MapGet("/v1/.well-known/keys", () =>
        {
            Interlocked.Increment(ref standIn._keyFetches);
            lock (standIn._published)
            {
                return Results.Json(new { keys = standIn._published.Select(k => k.Jwk()).ToArray() });
            }
        });
        app.MapPost("/botframework.com/oauth2/v2.0/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            standIn.TokenRequestForm = form.ToDictionary(f => f.Key, f => f.Value.ToString());
            Interlocked.Increment(ref standIn._tokenRequests);
            return Results.Json(new { token_type = "Bearer", expires_in = 3599, ext_expires_in = 3599, access_token = standIn.AccessToken });
        });
        app.MapPost("/v3/conversations/{conversationId}/activities/{activityId?}", async (HttpRequest request) =>
        {
            var body = JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync())!.AsObject();
            // Queued failures are meant for messages, not a typing activity sent because a turn was slow.
            var typing = body["type"]?.GetValue<string>() == "typing";
            var status = !typing && standIn._failures.TryDequeue(out var failure) ? failure : 200;
            // The path as sent, before the server decodes it: conversation ids must arrive URL-encoded.
            var path = request.HttpContext.Features.Get<IHttpRequestFeature>()!.RawTarget;
            standIn.Record(new ConnectorCall(request.Method, path, request.Headers.Authorization.ToString(), body, status == 200));
            return status == 200 ? Results.Json(new { id = Guid.NewGuid().ToString("N") }) : Results.StatusCode(status);
        });
        await app.StartAsync();
        return standIn;
    }

    /// <summary>Adds a key to the JWKS (a rotation adds the new one before signing with it); it becomes the current key.</summary>
    public SigningKeyPair Publish(SigningKeyPair key)
    {
        lock (_published)
        {
            _published.Add(key);
        }
        CurrentKey = key;
        return key;
    }

    /// <summary>A channel token as Azure Bot Service signs it, changed as <paramref name="change"/> says.</summary>
    public string Token(string? serviceUrl = null, SigningKeyPair? key = null, Action<SecurityTokenDescriptor>? change = null)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = AppId,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddMinutes(59),
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl ?? ServiceUrl },
            SigningCredentials = (key ?? CurrentKey).Credentials,
        };
        change?.Invoke(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>The next <paramref name="count"/> connector calls answer <paramref name="status"/>.</summary>
    public void FailNext(int count, int status = 500)
    {
        for (var i = 0; i < count; i++)
        {
            _failures.Enqueue(status);
        }
    }

    public IReadOnlyList<ConnectorCall> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Messages (not typing) delivered into this conversation, in arrival order.</summary>
    public IReadOnlyList<ConnectorCall> MessagesIn(string conversationId) =>
        [.. Calls.Where(c => c.Delivered && c.Type == "message" && c.ConversationId == conversationId)];

    public async Task WaitUntilAsync(Func<BotFrameworkStandIn, bool> done, int seconds = 30)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (!done(this))
        {
            Task changed;
            lock (_calls)
            {
                changed = _changed.Task;
            }
            if (done(this))
            {
                return;
            }
            try
            {
                await changed.WaitAsync(TimeSpan.FromMilliseconds(200), timeout.Token);
            }
            catch (TimeoutException)
            {
                // Look again.
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Connector stand-in: condition not met after {seconds} s. Calls so far:\n" +
                    string.Join("\n", Calls.Select(c => $"  {c.Path} {(c.Delivered ? "" : "(failed) ")}{c.Body.ToJsonString()}")));
            }
        }
    }

    /// <summary>Waits until nothing more arrives for a while (for "answered once").</summary>
    public async Task<int> SettleAsync(int milliseconds = 500)
    {
        var before = -1;
        while (before != Calls.Count)
        {
            before = Calls.Count;
            await Task.Delay(milliseconds);
        }
        return before;
    }

    private void Record(ConnectorCall call)
    {
        lock (_calls)
        {
            _calls.Add(call);
            _changed.TrySetResult();
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>An RSA signing key made for the test, with the channels that may use it.</summary>
public sealed class SigningKeyPair
{
    private readonly RSA _rsa = RSA.Create(2048);

    public SigningKeyPair(params string[] endorsements)
    {
        Endorsements = endorsements;
        Key = new RsaSecurityKey(_rsa) { KeyId = Kid };
    }

    public string Kid { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

    /// <summary>Null: the key is published without an endorsements field at all.</summary>
    public string[]? Endorsements { get; init; }

    public RsaSecurityKey Key { get; }

    public SigningCredentials Credentials => new(Key, SecurityAlgorithms.RsaSha256);

    /// <summary>The public key as PEM text: what an attacker would use as an HMAC secret.</summary>
    public byte[] PublicKeyPem => System.Text.Encoding.UTF8.GetBytes(_rsa.ExportSubjectPublicKeyInfoPem());

    public Dictionary<string, object> Jwk()
    {
        var parameters = _rsa.ExportParameters(false);
        var jwk = new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = Kid,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (Endorsements is not null)
        {
            jwk["endorsements"] = Endorsements;
        }
        return jwk;
    }
}

public sealed record ConnectorCall(string Method, string Path, string Authorization, JsonObject Body, bool Delivered)
{
    public string? Type => Body["type"]?.GetValue<string>();

    public string? Text => Body["text"]?.GetValue<string>();

    public string? ConversationId => Body["conversation"]?["id"]?.GetValue<string>();

    public IReadOnlyList<(string Title, string Value)> Actions =>
        Body["suggestedActions"]?["actions"] is JsonArray actions
            ? [.. actions.Select(a => (a!["title"]!.GetValue<string>(), a["value"]!.GetValue<string>()))]
            : [];

    public override string ToString() => Body.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}

/// <summary>Activities as Azure Bot Service's Facebook channel sends them, and the same shape for other channels.</summary>
public static class Activities
{
    private static int _sequence;

    public static string ActivityId() => $"mid.$cAAJ{Interlocked.Increment(ref _sequence):D8}";

    /// <summary>A Facebook message: text as the Activity's text, the raw Messenger event in channelData.</summary>
    public static JsonObject FacebookText(string serviceUrl, string psid, string text, string? payload = null, string? id = null)
    {
        id ??= ActivityId();
        var message = new JsonObject { ["mid"] = id, ["seq"] = 0, ["text"] = text };
        if (payload is not null)
        {
            message["quick_reply"] = new JsonObject { ["payload"] = payload };
        }
        return Facebook(serviceUrl, psid, id, text, new JsonObject { ["message"] = message });
    }

    public static JsonObject FacebookPostback(string serviceUrl, string psid, string payload, string title, string? referral = null)
    {
        var id = ActivityId();
        var postback = new JsonObject { ["payload"] = payload, ["title"] = title };
        if (referral is not null)
        {
            postback["referral"] = new JsonObject { ["ref"] = referral, ["source"] = "SHORTLINK", ["type"] = "OPEN_THREAD" };
        }
        return Facebook(serviceUrl, psid, id, payload, new JsonObject { ["postback"] = postback });
    }

    private static JsonObject Facebook(string serviceUrl, string psid, string id, string text, JsonObject @event)
    {
        var now = TimeProvider.System.GetUtcNow();
        var channelData = new JsonObject
        {
            ["sender"] = new JsonObject { ["id"] = psid },
            ["recipient"] = new JsonObject { ["id"] = "page-1" },
            ["timestamp"] = now.ToUnixTimeMilliseconds(),
        };
        foreach (var (name, value) in @event.ToList())
        {
            @event.Remove(name);
            channelData[name] = value;
        }
        return new JsonObject
        {
            ["type"] = "message",
            ["id"] = id,
            ["timestamp"] = now.ToString("O"),
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = "facebook",
            ["from"] = new JsonObject { ["id"] = psid, ["name"] = "Sok Chantha" },
            ["recipient"] = new JsonObject { ["id"] = "page-1", ["name"] = "CENTRAL" },
            ["conversation"] = new JsonObject { ["isGroup"] = false, ["id"] = $"{psid}-page-1" },
            ["text"] = text,
            ["channelData"] = channelData,
        };
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, JsonNode activity, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token.Contains(' ') ? token : "Bearer " + token);
        }
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
