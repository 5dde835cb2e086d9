namespace Central.Bot.Channels.Messenger;

/// <summary>The direct Messenger channel (section <c>Messenger</c>). Without the three secrets the channel is off.</summary>
public sealed class MessengerOptions
{
    /// <summary>The Facebook app's secret: signs every webhook call (X-Hub-Signature-256).</summary>
    public string? AppSecret { get; set; }

    /// <summary>What Meta echoes when subscribing the webhook; any long random string you choose.</summary>
    public string? VerifyToken { get; set; }

    /// <summary>The page access token the Send API needs.</summary>
    public string? PageAccessToken { get; set; }

    /// <summary>The Graph API base, version included; a setting so a new version (or a test's stand-in) is one change.</summary>
    public string GraphApiUrl { get; set; } = "https://graph.facebook.com/v23.0";

    /// <summary>The largest webhook body accepted; Meta's batches are far smaller.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    public bool Enabled => !string.IsNullOrWhiteSpace(AppSecret) && !string.IsNullOrWhiteSpace(VerifyToken) && !string.IsNullOrWhiteSpace(PageAccessToken);
}
