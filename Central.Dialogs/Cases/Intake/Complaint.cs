namespace Central.Dialogs.Cases.Intake;

/// <summary>A report while it is being taken: what the worker has answered so far (null = not asked yet).</summary>
public sealed class Complaint
{
    public DateTimeOffset Begun { get; set; }
    public List<string> Categories { get; set; } = [];
    public bool CategoriesDone { get; set; }
    public bool? InDanger { get; set; }

    /// <summary>The employer's name as typed; empty when the worker doesn't know it.</summary>
    public string? Employer { get; set; }
    public string? Place { get; set; }
    public string? Sector { get; set; }

    /// <summary>A code of <see cref="Started"/> (this_week …) or what the worker typed.</summary>
    public string? Started { get; set; }
    public int? WorkersAffected { get; set; }
    public List<string> Description { get; set; } = [];
    public int Files { get; set; }
    public bool DescriptionDone { get; set; }
    public string? OthersAware { get; set; }
    public string? FollowUp { get; set; }
    public string? Phone { get; set; }

    /// <summary>The name to use; empty when the worker skipped it.</summary>
    public string? Name { get; set; }
    public bool? Consent { get; set; }

    /// <summary>The question waiting for an answer, so the answer is saved in the right place.</summary>
    public string? Asking { get; set; }

    public bool Anonymous => FollowUp == FollowUps.Anonymous;
}

public static class FollowUps
{
    public const string Chat = "chat";
    public const string Phone = "phone";
    public const string Anonymous = "anonymous";
}

public static class StartedCodes
{
    public const string ThisWeek = "this_week";
    public const string ThisMonth = "this_month";
    public const string OneToTwoMonths = "1_2_months";
    public const string OverTwoMonths = "over_2_months";
}
