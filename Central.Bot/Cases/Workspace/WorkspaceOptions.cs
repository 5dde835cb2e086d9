using System.ComponentModel.DataAnnotations;

namespace Central.Bot.Cases.Workspace;

/// <summary>The caseworker workspace (section <c>Workspace</c>).</summary>
public sealed class WorkspaceOptions
{
    /// <summary>A session ends after this long without a request (sliding).</summary>
    [Range(5, 24 * 60)]
    public int SessionMinutes { get; set; } = 30;

    /// <summary>However active, a session ends this long after sign-in.</summary>
    [Range(1, 72)]
    public int MaxSessionHours { get; set; } = 12;

    /// <summary>Wrong passwords in a row that lock an account.</summary>
    [Range(3, 20)]
    public int LockoutAttempts { get; set; } = 5;

    [Range(1, 24 * 60)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>An urgent case nobody has claimed for this long is flagged in the queue.</summary>
    [Range(1, 240)]
    public int UrgentUnclaimedHours { get; set; } = 2;

    /// <summary>A new case nobody has claimed for this long is flagged in the queue.</summary>
    [Range(1, 60)]
    public int NewUnclaimedDays { get; set; } = 2;

    /// <summary>Times are shown in this zone (the office's).</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Phnom_Penh";

    public EntraOptions Entra { get; set; } = new();
}

/// <summary>
/// Optional sign-in with Microsoft Entra ID (section <c>Workspace:Entra</c>), for organisations on Microsoft 365: off
/// unless a client id and a tenant are set. It signs in existing workspace accounts only, matched by e-mail address.
/// </summary>
public sealed class EntraOptions
{
    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Overrides Instance + TenantId (another OpenID Connect provider, or a test's stand-in).</summary>
    public string? Authority { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId) && (!string.IsNullOrWhiteSpace(TenantId) || !string.IsNullOrWhiteSpace(Authority));

    public string EffectiveAuthority => Authority is { Length: > 0 } authority ? authority : $"{Instance.TrimEnd('/')}/{TenantId}/v2.0";
}
