namespace Central.Data.Cases;

/// <summary>
/// What intake hands over to open a case. <see cref="SourceKey"/> names the inbound message that confirmed it, so
/// processing that message twice (a redelivery, a restart) opens one case, not two. Personal fields are encrypted by
/// the store: <see cref="Description"/>, <see cref="ReporterName"/>, <see cref="Phone"/>; the follow-up code is kept
/// only as a keyed hash.
/// </summary>
public sealed record NewCase
{
    public required string SourceKey { get; init; }
    public required string Channel { get; init; }
    public required string Language { get; init; }
    public required IReadOnlyList<string> Categories { get; init; }
    public string? Employer { get; init; }
    public string? EmployerKey { get; init; }
    public string? Province { get; init; }
    public string? Sector { get; init; }
    public string? Started { get; init; }
    public int? WorkersAffected { get; init; }
    public string? Description { get; init; }
    public string? OthersAware { get; init; }
    public bool Urgent { get; init; }
    public IReadOnlyList<string> UrgencyReasons { get; init; } = [];
    public required bool Consent { get; init; }
    public required bool Anonymous { get; init; }
    public long? ContactId { get; init; }
    public string? ReporterName { get; init; }
    public string? Phone { get; init; }
    public string? FollowUpCode { get; init; }
    public IReadOnlyList<NewAttachment> Attachments { get; init; } = [];

    /// <summary>The contact whose draft evidence becomes this case's (moved in the same transaction), if any.</summary>
    public long? DraftEvidenceOf { get; init; }
}

/// <summary>Evidence as stored: the bytes were fetched at intake because channel URLs expire.</summary>
public sealed record NewAttachment(string Kind, string? ContentType, string? FileName, string? SourceUrl, byte[]? Content, DateTimeOffset ReceivedAt);

public sealed record OpenedCase(long Id, string CaseNumber, bool Created);

public static class CaseStatus
{
    public const string New = "new";
    public const string InProgress = "in_progress";
    public const string WaitingForWorker = "waiting_for_worker";
    public const string Resolved = "resolved";
    public const string Referred = "referred";
    public const string Closed = "closed";

    public static readonly IReadOnlyList<string> All = [New, InProgress, WaitingForWorker, Resolved, Referred, Closed];

    public static bool IsOpen(string status) => status is New or InProgress or WaitingForWorker;
}

/// <summary>A case as the workspace and the worker see it, personal fields decrypted.</summary>
public sealed record CaseRecord
{
    public long Id { get; init; }
    public string CaseNumber { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string Channel { get; init; } = "";
    public string Language { get; init; } = "";
    public IReadOnlyList<string> Categories { get; init; } = [];
    public string? Employer { get; init; }
    public string? EmployerKey { get; init; }
    public string? Province { get; init; }
    public string? Sector { get; init; }
    public string? Started { get; init; }
    public int? WorkersAffected { get; init; }
    public string? Description { get; init; }
    public string? OthersAware { get; init; }
    public bool Urgent { get; init; }
    public IReadOnlyList<string> UrgencyReasons { get; init; } = [];
    public string Status { get; init; } = CaseStatus.New;
    public int? AssignedTo { get; init; }
    public string? AssignedName { get; init; }
    public bool Consent { get; init; }
    public bool Anonymous { get; init; }
    public long? ContactId { get; init; }
    public string? ReporterName { get; init; }
    public string? Phone { get; init; }
    public int Version { get; init; }
}

public sealed record CaseEvent(long Id, DateTimeOffset At, string Actor, string Action, string? Before, string? After);

public sealed record CaseAttachment(long Id, long CaseId, string Kind, string? ContentType, string? FileName, long? SizeBytes, string? Sha256, DateTimeOffset ReceivedAt);

/// <summary>Who won a claim: the caller, or the caseworker who already has the case.</summary>
public sealed record ClaimResult(bool Claimed, int? HolderId, string? HolderName);
