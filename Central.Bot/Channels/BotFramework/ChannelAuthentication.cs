using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Central.Bot.Channels.BotFramework;

/// <summary>Why an inbound call was refused; logged as a word, never with the token or the Activity.</summary>
public enum Refusal { None, NoToken, Malformed, Algorithm, Issuer, UnknownKey, Invalid, Endorsement, ServiceUrl, TokenInEmulatorMode, ServiceUrlNotLocal, KeysUnavailable }

/// <summary>
/// Checks the bearer token Azure Bot Service's channels send with every Activity, as the SDK's ChannelValidation
/// and JwtTokenExtractor do: issuer <c>https://api.botframework.com</c>, audience = our app id, lifetime with 5
/// minutes of skew, RS256/384/512 only, a key from the channels' OpenID metadata whose <c>endorsements</c> name the
/// Activity's channel, and a <c>serviceurl</c> claim equal to the Activity's serviceUrl. Stricter than the SDK in two
/// places: a key without endorsements is refused (the SDK lets it pass), and only channel-issued tokens are taken —
/// Emulator tokens from Entra ID are not: the Emulator is used in emulator mode.
/// </summary>
public sealed partial class ChannelAuthentication(BotFrameworkOptions options, SigningKeys keys, TimeProvider time, ILogger<ChannelAuthentication> logger)
{
    public const string ServiceUrlClaim = "serviceurl";
    private static readonly HashSet<string> Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);
    private static readonly JsonWebTokenHandler Handler = new() { MaximumTokenSizeInBytes = 16 * 1024 };

    public async Task<Refusal> CheckAsync(string? authorization, Activity activity, CancellationToken cancellationToken)
    {
        var refusal = await RefusalAsync(authorization, activity, cancellationToken);
        if (refusal != Refusal.None)
        {
            Log.Refused(logger, refusal, activity.ChannelId ?? "-");
        }
        return refusal;
    }

    private async Task<Refusal> RefusalAsync(string? authorization, Activity activity, CancellationToken cancellationToken)
    {
        var token = Bearer(authorization);
        if (options.EmulatorMode)
        {
            // The .NET SDK's rule: a token where none can be checked is refused, not waved through.
            if (!string.IsNullOrEmpty(authorization))
            {
                return Refusal.TokenInEmulatorMode;
            }
            // Without authentication the bot would post wherever an Activity says; in emulator mode only to this machine.
            return Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var local) && BotFrameworkOptions.IsLoopback(local) ? Refusal.None : Refusal.ServiceUrlNotLocal;
        }
        if (token is null)
        {
            return Refusal.NoToken;
        }
        JsonWebToken jwt;
        try
        {
            jwt = Handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return Refusal.Malformed;
        }
        if (!Algorithms.Contains(jwt.Alg))
        {
            return Refusal.Algorithm;
        }
        if (jwt.Issuer != BotFrameworkOptions.ChannelTokenIssuer)
        {
            return Refusal.Issuer;
        }
        if (string.IsNullOrEmpty(jwt.Kid))
        {
            return Refusal.UnknownKey;
        }
        SigningKey? key;
        try
        {
            key = await keys.FindAsync(jwt.Kid, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or ArgumentException or TaskCanceledException)
        {
            Log.KeysUnavailable(logger, e.GetType().Name);
            return Refusal.KeysUnavailable;
        }
        if (key is null)
        {
            return Refusal.UnknownKey;
        }
        var result = await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = BotFrameworkOptions.ChannelTokenIssuer,
            ValidAudience = options.AppId,
            IssuerSigningKey = key.Key,
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = Algorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = Skew,
            LifetimeValidator = IsCurrent,
        });
        if (!result.IsValid)
        {
            Log.Invalid(logger, result.Exception?.GetType().Name ?? "unknown");
            return Refusal.Invalid;
        }
        if (activity.ChannelId is not { Length: > 0 } channelId || !key.Endorsements.Contains(channelId))
        {
            return Refusal.Endorsement;
        }
        var serviceUrl = result.Claims.TryGetValue(ServiceUrlClaim, out var claim) ? claim as string : null;
        if (string.IsNullOrWhiteSpace(serviceUrl) || !string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return Refusal.ServiceUrl;
        }
        return Refusal.None;
    }

    /// <summary>IdentityModel's own check reads the system clock; this one reads the host's TimeProvider.</summary>
    private bool IsCurrent(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is { } until && now <= until + Skew && (notBefore is not { } from || (from <= until && now >= from - Skew));
    }

    private static string? Bearer(string? authorization)
    {
        const string scheme = "Bearer ";
        return authorization is { Length: > 7 } && authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && authorization.IndexOf(' ', scheme.Length) < 0
            ? authorization[scheme.Length..]
            : null;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Bot Framework Activity refused with 401 ({Refusal}) on channel {ChannelId}")]
        public static partial void Refused(ILogger logger, Refusal refusal, string channelId);

        [LoggerMessage(Level = LogLevel.Information, Message = "Bot Framework token not valid: {Reason}")]
        public static partial void Invalid(ILogger logger, string reason);

        [LoggerMessage(Level = LogLevel.Error, Message = "The channels' OpenID metadata or signing keys could not be fetched ({Reason}); Activities are refused until they can")]
        public static partial void KeysUnavailable(ILogger logger, string reason);
    }
}

public sealed record SigningKey(SecurityKey Key, IReadOnlySet<string> Endorsements);

/// <summary>
/// The channels' signing keys from their OpenID metadata document and its JWKS, with each key's endorsements (the
/// channels allowed to use it). Fetched on first use, again every 24 hours, and at once when a token names a key we do
/// not have (a rotation) — at most once a minute for unknown keys, so forged key ids cannot make us hammer the source.
/// </summary>
/// <remarks>
/// Not IdentityModel's ConfigurationManager: since 8.x it refreshes in the background after RequestRefresh, so the
/// first Activity signed with a rotated key would be refused; here that Activity waits for the refresh.
/// </remarks>
public sealed partial class SigningKeys(IHttpClientFactory clients, BotFrameworkOptions options, TimeProvider time, ILogger<SigningKeys> logger)
{
    public const string HttpClientName = "botframework-openid";
    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);
    private static readonly TimeSpan UnknownKeyRefresh = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private KeySet? _current;
    private DateTimeOffset _lastUnknownKeyRefresh = DateTimeOffset.MinValue;

    public async Task<SigningKey?> FindAsync(string kid, CancellationToken cancellationToken)
    {
        var set = _current;
        if (set is not null && time.GetUtcNow() - set.FetchedAt < MaxAge && (set.Keys.ContainsKey(kid) || time.GetUtcNow() - _lastUnknownKeyRefresh < UnknownKeyRefresh))
        {
            return set.Keys.GetValueOrDefault(kid);
        }
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            set = _current;
            var now = time.GetUtcNow();
            var stale = set is null || now - set.FetchedAt >= MaxAge;
            if (stale || (!set!.Keys.ContainsKey(kid) && now - _lastUnknownKeyRefresh >= UnknownKeyRefresh))
            {
                if (!stale)
                {
                    _lastUnknownKeyRefresh = now;
                }
                try
                {
                    set = _current = await FetchAsync(cancellationToken);
                    Log.Fetched(logger, set.Keys.Count);
                }
                catch (Exception e) when (set is not null && e is HttpRequestException or JsonException or ArgumentException or TaskCanceledException)
                {
                    // Keys a day old are better than none; try again on the next call.
                    Log.RefreshFailed(logger, e.GetType().Name);
                }
            }
            return set!.Keys.GetValueOrDefault(kid);
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task<KeySet> FetchAsync(CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(HttpClientName);
        using var metadata = JsonDocument.Parse(await http.GetStringAsync(options.OpenIdMetadataUrl, cancellationToken));
        var jwksUri = metadata.RootElement.TryGetProperty("jwks_uri", out var uri) && uri.ValueKind == JsonValueKind.String
            && Uri.TryCreate(uri.GetString(), UriKind.Absolute, out var parsed) && BotFrameworkOptions.IsSecure(parsed)
            ? parsed
            : throw new JsonException("The OpenID metadata has no https jwks_uri.");
        var json = await http.GetStringAsync(jwksUri, cancellationToken);
        var endorsements = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        using (var document = JsonDocument.Parse(json))
        {
            if (!document.RootElement.TryGetProperty("keys", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new JsonException("The JWKS has no keys.");
            }
            foreach (var key in list.EnumerateArray())
            {
                if (key.ValueKind == JsonValueKind.Object && key.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String
                    && key.TryGetProperty("endorsements", out var names) && names.ValueKind == JsonValueKind.Array)
                {
                    endorsements[kid.GetString()!] = [.. names.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!)];
                }
            }
        }
        var keys = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        foreach (var key in new JsonWebKeySet(json).Keys)
        {
            if (key.Kty == JsonWebAlgorithmsKeyTypes.RSA && !string.IsNullOrEmpty(key.Kid) && (key.Use is null or "sig"))
            {
                keys[key.Kid] = new SigningKey(key, endorsements.GetValueOrDefault(key.Kid) ?? []);
            }
        }
        return new KeySet(keys, time.GetUtcNow());
    }

    private sealed record KeySet(IReadOnlyDictionary<string, SigningKey> Keys, DateTimeOffset FetchedAt);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Bot Framework signing keys fetched: {Count} RSA key(s)")]
        public static partial void Fetched(ILogger logger, int count);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Bot Framework signing keys could not be refreshed ({Reason}); the ones fetched before are used")]
        public static partial void RefreshFailed(ILogger logger, string reason);
    }
}
