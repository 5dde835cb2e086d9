using Central.Data.Cases;
using Central.Dialogs.Conversation;
using Central.Dialogs.Conversation.Localization;
using Central.Dialogs.Conversation.Prompts;

namespace Central.Dialogs.Cases.Intake;

/// <summary>
/// One thing intake asks: whether it applies to this report, whether it is answered, how to ask it and how to keep
/// the answer. <see cref="Field"/> names it on the summary's "correct" list (null: not correctable on its own).
/// </summary>
public sealed record Question(
    string Id,
    Text? Field,
    Func<Complaint, bool> Applies,
    Func<Complaint, bool> Answered,
    Func<WaterfallStep<Complaint>, Task<DialogTurnResult>> AskAsync,
    Func<WaterfallStep<Complaint>, Task> SaveAsync,
    Action<Complaint> Clear);

/// <summary>The intake's questions in the order a worker meets them, with the prompts they use.</summary>
public static partial class Questions
{
    public const string DonePayload = "DONE";
    public const string DontKnowPayload = "DONT_KNOW";
    public const string SkipPayload = "SKIP";

    // Kinds of harm where someone may be in danger now: ask, and give 117 at once.
    private static readonly HashSet<string> Dangerous = ["harassment", "unsafe_work", "trafficking", "child_labour"];

    internal static readonly ChoicePrompt WhatHappenedPrompt = new("complaint.what-happened", IntakeTexts.AskWhatHappened, IntakeTexts.RetryButtons);
    internal static readonly ConfirmPrompt DangerPrompt = new("complaint.danger", IntakeTexts.AskDanger, IntakeTexts.RetryButtons);
    internal static readonly TextPrompt EmployerPrompt = new("complaint.employer", IntakeTexts.AskEmployer, IntakeTexts.RetryEmployer) { MaxLength = 200 };
    internal static readonly ChoicePrompt PlacePrompt = new("complaint.place", IntakeTexts.AskPlace, IntakeTexts.RetryPlace, [.. CaseCatalog.Places.Select(p => new Choice(p.Code, p.Name))]);
    internal static readonly ChoicePrompt SectorPrompt = new("complaint.sector", IntakeTexts.AskSector, IntakeTexts.RetrySector, [.. CaseCatalog.Sectors.Select(s => new Choice(s.Code, s.Name))]);
    internal static readonly TextPrompt WhenPrompt = new("complaint.when", IntakeTexts.AskWhen, IntakeTexts.RetryWhen) { MaxLength = 100 };
    internal static readonly NumberPrompt HowManyPrompt = new("complaint.how-many", IntakeTexts.AskHowMany, IntakeTexts.RetryHowMany)
    {
        Validator = n => n is >= 1 and <= 100_000 ? null : IntakeTexts.HowManyOutOfRange,
    };
    internal static readonly EvidencePrompt DescriptionPrompt = new("complaint.description", IntakeTexts.AskDescription, IntakeTexts.RetryDescription);
    internal static readonly ChoicePrompt WhoKnowsPrompt = new("complaint.who-knows", IntakeTexts.AskWhoKnows, IntakeTexts.RetryButtons,
        new("union", IntakeTexts.KnowsUnion), new("coworkers", IntakeTexts.KnowsCoworkers), new("inspector", IntakeTexts.KnowsInspector), new("nobody", IntakeTexts.KnowsNobody));
    internal static readonly ChoicePrompt FollowUpPrompt = new("complaint.follow-up", IntakeTexts.AskFollowUp, IntakeTexts.RetryButtons,
        new(FollowUps.Chat, IntakeTexts.FollowUpChat), new(FollowUps.Phone, IntakeTexts.FollowUpPhone), new(FollowUps.Anonymous, IntakeTexts.FollowUpAnonymous));
    internal static readonly TextPrompt PhonePrompt = new("complaint.phone", IntakeTexts.AskPhone, IntakeTexts.RetryPhone)
    {
        MaxLength = 40,
        Validator = phone => PhoneNumber.Normalize(phone) is null ? IntakeTexts.RetryPhone : null,
    };
    internal static readonly TextPrompt NamePrompt = new("complaint.name", IntakeTexts.AskName, IntakeTexts.RetryName) { MaxLength = 100 };
    internal static readonly ConfirmPrompt ConsentPrompt = new("complaint.consent", IntakeTexts.AskConsent, IntakeTexts.RetryConsent);

    public static readonly IReadOnlyList<Choice> WhenChoices =
    [
        new(StartedCodes.ThisWeek, IntakeTexts.WhenThisWeek), new(StartedCodes.ThisMonth, IntakeTexts.WhenThisMonth),
        new(StartedCodes.OneToTwoMonths, IntakeTexts.WhenOneToTwoMonths), new(StartedCodes.OverTwoMonths, IntakeTexts.WhenOverTwoMonths),
        new(DontKnowPayload, IntakeTexts.DontKnow),
    ];

    /// <summary>Buttons for how many: each carries the smallest number of its range.</summary>
    public static readonly IReadOnlyList<Choice> HowManyChoices =
    [
        new("1", IntakeTexts.JustMe), new("2", IntakeTexts.Range2To10), new("11", IntakeTexts.Range11To50),
        new("51", IntakeTexts.Range51To200), new("201", IntakeTexts.RangeOver200),
    ];

    public static readonly IReadOnlyList<Question> All =
    [
        new("what-happened", IntakeTexts.FieldWhatHappened, _ => true, c => c.CategoriesDone, AskWhatHappenedAsync, SaveWhatHappenedAsync,
            c => { c.Categories.Clear(); c.CategoriesDone = false; c.InDanger = null; }),
        new("danger", null, c => c.Categories.Any(Dangerous.Contains), c => c.InDanger is not null,
            step => step.PromptAsync(DangerPrompt), SaveDangerAsync, c => c.InDanger = null),
        new("employer", IntakeTexts.FieldEmployer, _ => true, c => c.Employer is not null,
            step => step.PromptAsync(EmployerPrompt, new PromptOptions { Choices = [new(DontKnowPayload, IntakeTexts.DontKnow), new(GlobalCommands.AskPayload, IntakeTexts.AskAQuestion)] }),
            step => Save(step, c => c.Employer = step.Answer<string>() == DontKnowPayload ? "" : step.Answer<string>()), c => c.Employer = null),
        new("place", IntakeTexts.FieldPlace, _ => true, c => c.Place is not null,
            step => step.PromptAsync(PlacePrompt), step => Save(step, c => c.Place = step.Answer<string>()), c => c.Place = null),
        new("sector", IntakeTexts.FieldSector, _ => true, c => c.Sector is not null,
            step => step.PromptAsync(SectorPrompt), step => Save(step, c => c.Sector = step.Answer<string>()), c => c.Sector = null),
        new("when", IntakeTexts.FieldWhen, _ => true, c => c.Started is not null,
            step => step.PromptAsync(WhenPrompt, new PromptOptions { Choices = WhenChoices }), step => Save(step, c => c.Started = step.Answer<string>()), c => c.Started = null),
        new("how-many", IntakeTexts.FieldHowMany, _ => true, c => c.WorkersAffected is not null,
            step => step.PromptAsync(HowManyPrompt, new PromptOptions { Choices = HowManyChoices }), step => Save(step, c => c.WorkersAffected = (int)step.Answer<long>()), c => c.WorkersAffected = null),
        new("description", IntakeTexts.FieldDescription, _ => true, c => c.DescriptionDone, AskDescriptionAsync, SaveDescriptionAsync,
            c => { c.Description.Clear(); c.DescriptionDone = false; }),
        new("who-knows", IntakeTexts.FieldWhoKnows, _ => true, c => c.OthersAware is not null,
            step => step.PromptAsync(WhoKnowsPrompt), step => Save(step, c => c.OthersAware = step.Answer<string>()), c => c.OthersAware = null),
        new("follow-up", IntakeTexts.FieldFollowUp, _ => true, c => c.FollowUp is not null,
            step => step.PromptAsync(FollowUpPrompt), SaveFollowUpAsync, c => { c.FollowUp = null; c.Phone = null; c.Name = null; }),
        new("phone", null, c => c.FollowUp == FollowUps.Phone, c => c.Phone is not null,
            step => step.PromptAsync(PhonePrompt), step => Save(step, c => c.Phone = PhoneNumber.Normalize(step.Answer<string>())), c => c.Phone = null),
        new("name", null, c => c.FollowUp is FollowUps.Chat or FollowUps.Phone, c => c.Name is not null,
            step => step.PromptAsync(NamePrompt, new PromptOptions { Choices = [new(SkipPayload, IntakeTexts.Skip)] }),
            step => Save(step, c => c.Name = step.Answer<string>() == SkipPayload ? "" : step.Answer<string>()), c => c.Name = null),
        new("consent", null, _ => true, c => c.Consent is not null,
            step => step.PromptAsync(ConsentPrompt, new PromptOptions { Choices = [new(ConfirmPrompt.Yes, IntakeTexts.ConsentYes), new(ConfirmPrompt.No, IntakeTexts.ConsentNo)] }),
            step => Save(step, c => c.Consent = step.Answer<bool>()), c => c.Consent = null),
    ];

    public static Question Find(string id) => All.First(q => q.Id == id);

    public static Text? WhoKnowsChoice(string code) => code switch
    {
        "union" => IntakeTexts.KnowsUnion,
        "coworkers" => IntakeTexts.KnowsCoworkers,
        "inspector" => IntakeTexts.KnowsInspector,
        "nobody" => IntakeTexts.KnowsNobody,
        _ => null,
    };

    private static Task Save(WaterfallStep<Complaint> step, Action<Complaint> save)
    {
        save(step.State);
        return Task.CompletedTask;
    }

    private static Task<DialogTurnResult> AskWhatHappenedAsync(WaterfallStep<Complaint> step)
    {
        var chosen = step.State.Categories;
        var choices = CaseCatalog.Categories.Where(c => !chosen.Contains(c.Code)).Select(c => new Choice(c.Code, c.Title)).ToList();
        if (chosen.Count > 0)
        {
            choices.Insert(0, new Choice(DonePayload, IntakeTexts.Done));
        }
        return step.PromptAsync(WhatHappenedPrompt, new PromptOptions
        {
            Question = chosen.Count > 0 ? IntakeTexts.AskAnythingElse : IntakeTexts.AskWhatHappened,
            Choices = choices,
        });
    }

    private static Task SaveWhatHappenedAsync(WaterfallStep<Complaint> step)
    {
        var code = step.Answer<string>();
        if (code == DonePayload || code == "other")
        {
            step.State.CategoriesDone = step.State.Categories.Count > 0 || code == "other";
        }
        if (code != DonePayload && !step.State.Categories.Contains(code))
        {
            step.State.Categories.Add(code);
        }
        // Every kind is on the list now: nothing more to add.
        step.State.CategoriesDone |= step.State.Categories.Count == CaseCatalog.Categories.Count;
        return Task.CompletedTask;
    }

    private static Task SaveDangerAsync(WaterfallStep<Complaint> step)
    {
        step.State.InDanger = step.Answer<bool>();
        if (step.State.InDanger == true)
        {
            step.Say(IntakeTexts.DangerNow);
        }
        return Task.CompletedTask;
    }

    private static Task<DialogTurnResult> AskDescriptionAsync(WaterfallStep<Complaint> step)
    {
        var started = step.State.Description.Count > 0 || step.State.Files > 0;
        return step.PromptAsync(DescriptionPrompt, new PromptOptions
        {
            Question = started ? IntakeTexts.AskMoreDescription : IntakeTexts.AskDescription,
            Choices = started ? [new(DonePayload, IntakeTexts.Done)] : [new(GlobalCommands.AskPayload, IntakeTexts.AskAQuestion)],
        });
    }

    private static async Task SaveDescriptionAsync(WaterfallStep<Complaint> step)
    {
        var said = step.Answer<Evidence>();
        if (said.Done)
        {
            step.State.DescriptionDone = step.State.Description.Count > 0 || step.State.Files > 0;
            return;
        }
        if (said.Text is { Length: > 0 } text)
        {
            step.State.Description.Add(text);
        }
        foreach (var file in said.Files)
        {
            await KeepFileAsync(step, file);
        }
    }

    private static async Task KeepFileAsync(WaterfallStep<Complaint> step, TurnAttachment file)
    {
        var limit = step.Get<Microsoft.Extensions.Options.IOptions<EvidenceOptions>>().Value.FilesPerReport;
        if (step.State.Files >= limit)
        {
            step.Say(IntakeTexts.TooManyFiles(limit));
            return;
        }
        switch (await step.Get<EvidenceFetcher>().FetchAsync(file, step.CancellationToken))
        {
            case Fetched.Stored stored:
                await step.Get<DraftEvidenceStore>().AddAsync(step.Context.Contact.Id, stored.File, step.CancellationToken);
                step.State.Files++;
                step.Say(IntakeTexts.Received(KindName(file.Kind)));
                break;
            case Fetched.TooLarge tooLarge:
                step.Say(IntakeTexts.FileTooLarge(tooLarge.LimitMegabytes));
                break;
            case Fetched.Refused:
                step.Say(IntakeTexts.FileTypeRefused);
                break;
            default:
                step.Say(IntakeTexts.FileUnreachable);
                break;
        }
    }

    private static Task SaveFollowUpAsync(WaterfallStep<Complaint> step)
    {
        step.State.FollowUp = step.Answer<string>();
        if (step.State.Anonymous)
        {
            step.State.Phone = null;
            step.State.Name = null;
            step.Say(IntakeTexts.AnonymousExplained);
        }
        return Task.CompletedTask;
    }

    public static Text KindName(string kind) => kind switch
    {
        TurnAttachment.Image => IntakeTexts.KindImage,
        TurnAttachment.Video => IntakeTexts.KindVideo,
        TurnAttachment.Audio => IntakeTexts.KindAudio,
        TurnAttachment.Location => IntakeTexts.KindLocation,
        _ => IntakeTexts.KindFile,
    };
}
