using System.Globalization;
using Central.Data.Cases;
using Central.Dialogs.Cases;
using Central.Dialogs.Cases.Intake;
using Central.Dialogs.Conversation.Localization;
using Microsoft.Extensions.Options;

namespace Central.Bot.Cases.Workspace;

/// <summary>How the workspace shows codes and times: catalog names in the screen's language, times in the office's zone.</summary>
public sealed class Display(TimeProvider time, IOptions<WorkspaceOptions> options)
{
    private readonly TimeZoneInfo _zone = FindZone(options.Value.TimeZone);

    public static Language Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "km" ? Language.Km : Language.En;

    public DateTimeOffset Now => time.GetUtcNow();

    public string Time(DateTimeOffset? at) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, _zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    public string Date(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, _zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"3 hours ago" in the screen's language.</summary>
    public string Ago(DateTimeOffset? at)
    {
        if (at is not { } value)
        {
            return "—";
        }
        var age = time.GetUtcNow() - value;
        return age.TotalMinutes < 60 ? WorkspaceTexts.MinutesAgo(Math.Max(0, (int)age.TotalMinutes))
            : age.TotalHours < 48 ? WorkspaceTexts.HoursAgo((int)age.TotalHours)
            : WorkspaceTexts.DaysAgo((int)age.TotalDays);
    }

    public static string Category(string code) => CaseCatalog.FindCategory(code)?.Name.Render(Language) ?? code;

    public static string Province(string? code) => code is null or "" ? "—" : CaseCatalog.FindPlace(code)?.Name.Render(Language) ?? code;

    public static string Sector(string? code) => code is null or "" ? "—" : CaseCatalog.FindSector(code)?.Name.Render(Language) ?? code;

    /// <summary>Since when, as intake's buttons put it (this week, over two months…), or what the worker typed.</summary>
    public static string Started(string? code) => code is null or "" ? "—"
        : Questions.WhenChoices.FirstOrDefault(c => c.Payload == code)?.Title.Render(Language) ?? code;

    public static string OthersAware(string? code) => code is null or "" ? "—" : Questions.WhoKnowsChoice(code)?.Render(Language) ?? code;

    /// <summary>Why triage marked a case urgent (Central.Dialogs' Triage codes).</summary>
    public static string UrgencyReason(string code) => code switch
    {
        "danger_now" => WorkspaceTexts.UrgencyDangerNow,
        "violence_or_threats" => WorkspaceTexts.UrgencyViolenceOrThreats,
        "detention_or_passport" => WorkspaceTexts.UrgencyDetentionOrPassport,
        "trafficking_signs" => WorkspaceTexts.UrgencyTraffickingSigns,
        "child_labour" => WorkspaceTexts.UrgencyChildLabour,
        "injury" => WorkspaceTexts.UrgencyInjury,
        "mass_dismissal" => WorkspaceTexts.UrgencyMassDismissal,
        "union_leader_dismissed" => WorkspaceTexts.UrgencyUnionLeaderDismissed,
        "months_unpaid" => WorkspaceTexts.UrgencyMonthsUnpaid,
        _ => code,
    };

    public static string Status(string status) => status switch
    {
        CaseStatus.New => WorkspaceTexts.StatusNew,
        CaseStatus.InProgress => WorkspaceTexts.StatusInProgress,
        CaseStatus.WaitingForWorker => WorkspaceTexts.StatusWaitingForWorker,
        CaseStatus.Resolved => WorkspaceTexts.StatusResolved,
        CaseStatus.Referred => WorkspaceTexts.StatusReferred,
        CaseStatus.Closed => WorkspaceTexts.StatusClosed,
        _ => status,
    };

    public static string LanguageName(string? code) => Languages.FromCode(code) switch
    {
        Language.Km => WorkspaceTexts.LanguageKhmer,
        Language.En => WorkspaceTexts.LanguageEnglish,
        _ => "—",
    };

    public static string Role(string role) => role switch
    {
        Data.Caseworkers.CaseworkerRole.Supervisor => WorkspaceTexts.RoleSupervisor,
        Data.Caseworkers.CaseworkerRole.Admin => WorkspaceTexts.RoleAdmin,
        _ => WorkspaceTexts.RoleCaseworker,
    };

    private static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            // Cambodia keeps UTC+7 all year; a machine without time zone data still shows office time.
            return TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(7), id, id);
        }
    }
}
