using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace Central.Bot.Channels.BotFramework;

/// <summary>
/// The bearer token for calls to the Bot Connector: MSAL client credentials against the bot's authority
/// (<c>botframework.com</c> for multi-tenant bots, the bot's own tenant for single-tenant ones) with the scope
/// <c>https://api.botframework.com/.default</c>, or the user-assigned managed identity. MSAL keeps the token in its
/// in-memory cache and fetches a new one shortly before it expires.
/// </summary>
public sealed class ConnectorTokens
{
    public const string HttpClientName = "botframework-login";

    private readonly BotFrameworkOptions _options;
    private readonly Lazy<IConfidentialClientApplication>? _confidential;
    private readonly Lazy<IManagedIdentityApplication>? _managed;

    public ConnectorTokens(BotFrameworkOptions options, IHttpClientFactory clients)
    {
        _options = options;
        if (options.EmulatorMode)
        {
            return;
        }
        var http = new MsalHttpClients(clients);
        if (options.AppType == AppType.UserAssignedMSI)
        {
            _managed = new(() => ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.WithUserAssignedClientId(options.AppId))
                .WithHttpClientFactory(http)
                .Build());
            return;
        }
        _confidential = new(() => ConfidentialClientApplicationBuilder.Create(options.AppId)
            .WithClientSecret(options.AppPassword)
            .WithAuthority(options.Authority)
            // The authority is one of two fixed, known addresses; nothing to discover.
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(http)
            .Build());
    }

    /// <summary>Null in emulator mode: nothing to authenticate with.</summary>
    /// <exception cref="MsalException">The token could not be had (the kind says whether it is worth trying again).</exception>
    public async Task<string?> GetAsync(CancellationToken cancellationToken)
    {
        if (_confidential is not null)
        {
            var result = await _confidential.Value.AcquireTokenForClient([BotFrameworkOptions.ConnectorScope]).ExecuteAsync(cancellationToken);
            return result.AccessToken;
        }
        if (_managed is not null)
        {
            var result = await _managed.Value.AcquireTokenForManagedIdentity("https://api.botframework.com").ExecuteAsync(cancellationToken);
            return result.AccessToken;
        }
        return null;
    }

    /// <summary>A refused client secret or app id will not get better by trying again.</summary>
    public static bool IsBadCredential(MsalException e) =>
        e is MsalServiceException { ErrorCode: "invalid_client" or "unauthorized_client" or "invalid_request" } || e is MsalClientException { ErrorCode: "invalid_client" };

    private sealed class MsalHttpClients(IHttpClientFactory clients) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => clients.CreateClient(HttpClientName);
    }
}

/// <summary>Tests only (<c>BotFramework:TokenEndpoint</c>): MSAL's token requests go to a local stand-in instead.</summary>
internal sealed class TokenEndpointOverride(Uri endpoint) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.RequestUri = endpoint;
        return base.SendAsync(request, cancellationToken);
    }
}
