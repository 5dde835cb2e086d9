using System.Net;

namespace Central.Bot.Channels.BotFramework;

public enum AppType { MultiTenant, SingleTenant, UserAssignedMSI }

/// <summary>
/// The Bot Framework host's settings. The credentials keep the SDK's names at the root of the configuration
/// (<c>MicrosoftAppType</c>, <c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>, <c>MicrosoftAppTenantId</c>), so an Azure
/// Bot resource's settings carry over unchanged; the rest is under <c>BotFramework</c>. No app id means emulator mode:
/// no authentication either way, for the Emulator and the try-it page, and only in Development.
/// </summary>
public sealed class BotFrameworkOptions
{
    public const string AppTypeSetting = "MicrosoftAppType";
    public const string AppIdSetting = "MicrosoftAppId";
    public const string AppPasswordSetting = "MicrosoftAppPassword";
    public const string TenantIdSetting = "MicrosoftAppTenantId";
    public const string EnabledSetting = "BotFramework:Enabled";
    public const string OpenIdMetadataUrlSetting = "BotFramework:OpenIdMetadataUrl";
    public const string TokenEndpointSetting = "BotFramework:TokenEndpoint";

    /// <summary>Where the channels' signing keys are published (AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl).</summary>
    public const string ChannelOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>The issuer of every token a channel of Azure Bot Service sends (ToBotFromChannelTokenIssuer).</summary>
    public const string ChannelTokenIssuer = "https://api.botframework.com";

    /// <summary>What the bot asks for to call the connector (ToChannelFromBotOAuthScope).</summary>
    public const string ConnectorScope = "https://api.botframework.com/.default";

    /// <summary>The tenant of multi-tenant bots' outbound tokens (DefaultChannelAuthTenant).</summary>
    public const string BotFrameworkTenant = "botframework.com";

    public bool Enabled { get; init; } = true;

    public AppType AppType { get; init; } = AppType.MultiTenant;

    public string? AppId { get; init; }

    public string? AppPassword { get; init; }

    public string? TenantId { get; init; }

    public string OpenIdMetadataUrl { get; init; } = ChannelOpenIdMetadataUrl;

    /// <summary>For tests only: where MSAL's token requests are sent instead of the authority's token endpoint.</summary>
    public Uri? TokenEndpoint { get; init; }

    /// <summary>The largest Activity accepted; the connector's own limit is far smaller.</summary>
    public int MaxBodyBytes { get; init; } = 512 * 1024;

    /// <summary>No credentials: inbound is not authenticated and outbound carries no token (Development only).</summary>
    public bool EmulatorMode => string.IsNullOrWhiteSpace(AppId);

    public string Authority => $"https://login.microsoftonline.com/{(AppType == AppType.SingleTenant ? TenantId : BotFrameworkTenant)}";

    /// <summary>Reads and checks the settings; anything wrong stops start-up by name.</summary>
    public static BotFrameworkOptions Read(IConfiguration configuration, IHostEnvironment environment)
    {
        string? Get(string key) => string.IsNullOrWhiteSpace(configuration[key]) ? null : configuration[key]!.Trim();

        var enabled = Get(EnabledSetting) is not { } flag || !bool.TryParse(flag, out var on) || on;
        var typeText = Get(AppTypeSetting) ?? nameof(AppType.MultiTenant);
        if (!Enum.TryParse<AppType>(typeText, ignoreCase: true, out var type) || !Enum.IsDefined(type))
        {
            throw new StartupException($"{AppTypeSetting} is '{typeText}'; it must be MultiTenant, SingleTenant or UserAssignedMSI.");
        }
        var options = new BotFrameworkOptions
        {
            Enabled = enabled,
            AppType = type,
            AppId = Get(AppIdSetting),
            AppPassword = Get(AppPasswordSetting),
            TenantId = Get(TenantIdSetting),
            OpenIdMetadataUrl = Get(OpenIdMetadataUrlSetting) ?? ChannelOpenIdMetadataUrl,
            TokenEndpoint = Get(TokenEndpointSetting) is { } endpoint ? SecureUri(endpoint, TokenEndpointSetting) : null,
        };
        if (!enabled)
        {
            return options;
        }
        _ = SecureUri(options.OpenIdMetadataUrl, OpenIdMetadataUrlSetting);
        if (options.EmulatorMode)
        {
            if (options.AppPassword is not null)
            {
                throw new StartupException($"{AppPasswordSetting} is set but {AppIdSetting} is not; set both (from the Azure Bot resource) or neither.");
            }
            if (!environment.IsDevelopment())
            {
                throw new StartupException($"{AppIdSetting} and {AppPasswordSetting} are not set. Outside Development the Bot Framework endpoint /api/messages " +
                    $"authenticates every call: set them (and {AppTypeSetting}, {TenantIdSetting} for a single-tenant bot) from the Azure Bot resource, " +
                    $"or set {EnabledSetting}=false to run without it.");
            }
            return options;
        }
        if (type != AppType.UserAssignedMSI && options.AppPassword is null)
        {
            throw new StartupException($"{AppIdSetting} is set but {AppPasswordSetting} is not; a {type} bot needs the client secret of its app registration.");
        }
        if (type != AppType.MultiTenant && options.TenantId is null)
        {
            throw new StartupException($"{AppTypeSetting} is {type}, so {TenantIdSetting} must name the tenant of the bot's app registration.");
        }
        return options;
    }

    internal static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    internal static bool IsSecure(Uri uri) => uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri));

    /// <summary>HTTPS, or plain HTTP to this machine (the tests' stand-ins).</summary>
    internal static Uri SecureUri(string value, string setting)
    {
        var uri = AbsoluteUri(value, setting);
        if (!IsSecure(uri))
        {
            throw new StartupException($"{setting} must be an https:// address (plain http only to this machine).");
        }
        return uri;
    }

    private static Uri AbsoluteUri(string value, string setting) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new StartupException($"{setting} is '{value}'; it must be an absolute http(s) address.");
}
