using System.Globalization;
using Central.Data.Cases;
using Central.Data.Contacts;
using Central.Data.Storage;
using Central.Dialogs.Conversation;
using Central.Dialogs.Conversation.Localization;
using Central.Dialogs.Conversation.Menu;
using Central.Dialogs.Conversation.Prompts;
using Microsoft.Extensions.Logging;

namespace Central.Dialogs.Cases.Intake;

/// <summary>
/// Taking a report: the questions in <see cref="Questions.All"/>, one at a time, then consent, a summary to confirm
/// or correct, and a case number. The answers so far are kept as a draft, so a worker who leaves for the menu, or
/// comes back after days (or after a restart), is offered to continue. Stop throws the draft away.
/// </summary>
public sealed partial class ComplaintDialog() : Waterfall<Complaint>(MainMenu.Complaint,
    OfferToContinueDraft,
    ContinueOrStartOver,
    AskNextQuestion,
    SaveAnswer,
    ConfirmSummary,
    SendOrCorrect,
    CorrectField)
{
    public const string DraftKey = "complaint";
    public const string ContinuePayload = "CONTINUE";
    public const string StartOverPayload = "START_OVER";
    public const string SendPayload = "SEND";
    public const string CorrectPayload = "CORRECT";

    private static readonly ChoicePrompt DraftPrompt = new("complaint.draft", IntakeTexts.Continue, IntakeTexts.RetryButtons,
        new(ContinuePayload, IntakeTexts.Continue), new(StartOverPayload, IntakeTexts.StartOver));
    private static readonly ChoicePrompt SummaryPrompt = new("complaint.summary", IntakeTexts.IsThisRight, IntakeTexts.RetryButtons,
        new(SendPayload, IntakeTexts.SendReport), new(CorrectPayload, IntakeTexts.Correct));
    private static readonly ChoicePrompt CorrectPrompt = new("complaint.correct", IntakeTexts.AskWhatToCorrect, IntakeTexts.RetryButtons,
        [.. Questions.All.Where(q => q.Field is not null).Select(q => new Choice(q.Id, q.Field!))]);

    // The prompts live in Questions; the dialog set finds a dialog's prompts among its static fields.
    private static readonly Dialog[] QuestionPrompts =
    [
        Questions.WhatHappenedPrompt, Questions.DangerPrompt, Questions.EmployerPrompt, Questions.PlacePrompt, Questions.SectorPrompt,
        Questions.WhenPrompt, Questions.HowManyPrompt, Questions.DescriptionPrompt, Questions.WhoKnowsPrompt, Questions.FollowUpPrompt,
        Questions.PhonePrompt, Questions.NamePrompt, Questions.ConsentPrompt,
    ];

    private static Task<DialogTurnResult> OfferToContinueDraft(WaterfallStep<Complaint> step)
    {
        if (step.Context.Draft<Complaint>(DraftKey) is not { } draft)
        {
            return step.NextAsync();
        }
        return step.PromptAsync(DraftPrompt, new PromptOptions { Question = IntakeTexts.DraftFound(Dates.Text(draft.Begun)) });
    }

    private static async Task<DialogTurnResult> ContinueOrStartOver(WaterfallStep<Complaint> step)
    {
        if (step.Result is ContinuePayload && step.Context.Draft<Complaint>(DraftKey) is { } draft)
        {
            step.State = draft;
        }
        else
        {
            if (step.Result is StartOverPayload)
            {
                await step.Get<DraftEvidenceStore>().DropAsync(step.Context.Contact.Id, step.CancellationToken);
            }
            step.State = new Complaint { Begun = step.Get<TimeProvider>().GetUtcNow() };
            step.Context.SaveDraft(DraftKey, step.State);
        }
        return await step.GoToAsync(AskNextQuestion);
    }

    private static async Task<DialogTurnResult> AskNextQuestion(WaterfallStep<Complaint> step)
    {
        var next = Questions.All.FirstOrDefault(q => q.Applies(step.State) && !q.Answered(step.State));
        if (next is null)
        {
            return await step.GoToAsync(ConfirmSummary);
        }
        step.State.Asking = next.Id;
        step.Context.SaveDraft(DraftKey, step.State);
        return await next.AskAsync(step);
    }

    private static async Task<DialogTurnResult> SaveAnswer(WaterfallStep<Complaint> step)
    {
        await Questions.Find(step.State.Asking!).SaveAsync(step);
        step.State.Asking = null;
        if (step.State.Consent == false)
        {
            return await RefusedAsync(step);
        }
        step.Context.SaveDraft(DraftKey, step.State);
        return await step.GoToAsync(AskNextQuestion);
    }

    private static Task<DialogTurnResult> ConfirmSummary(WaterfallStep<Complaint> step)
    {
        step.Say(Summarize(step.State));
        return step.PromptAsync(SummaryPrompt);
    }

    private static async Task<DialogTurnResult> SendOrCorrect(WaterfallStep<Complaint> step) => step.Answer<string>() switch
    {
        SendPayload => await OpenCaseAsync(step),
        _ => await step.PromptAsync(CorrectPrompt),
    };

    private static async Task<DialogTurnResult> CorrectField(WaterfallStep<Complaint> step)
    {
        Questions.Find(step.Answer<string>()).Clear(step.State);
        return await step.GoToAsync(AskNextQuestion);
    }

    private static async Task<DialogTurnResult> OpenCaseAsync(WaterfallStep<Complaint> step)
    {
        var report = step.State;
        var turn = step.Turn;
        var contact = step.Context.Contact;
        var sourceKey = $"{turn.Channel}:{turn.Id}";
        var reasons = Triage.Reasons(report);
        var code = report.Anonymous ? FollowUpCodeFor(step, sourceKey) : null;
        var opened = await step.Get<CaseStore>().OpenAsync(new NewCase
        {
            SourceKey = sourceKey,
            Channel = turn.Channel,
            Language = step.Language.Code(),
            Categories = report.Categories,
            Employer = string.IsNullOrEmpty(report.Employer) ? null : report.Employer,
            EmployerKey = EmployerKey.From(report.Employer),
            Province = report.Place,
            Sector = report.Sector,
            Started = report.Started,
            WorkersAffected = report.WorkersAffected,
            Description = string.Join("\n\n", report.Description),
            OthersAware = report.OthersAware,
            Urgent = reasons.Count > 0,
            UrgencyReasons = reasons,
            Consent = true,
            Anonymous = report.Anonymous,
            ContactId = report.Anonymous ? null : contact.Id,
            ReporterName = string.IsNullOrEmpty(report.Name) ? null : report.Name,
            Phone = report.Phone,
            FollowUpCode = code,
            DraftEvidenceOf = contact.Id,
        }, step.CancellationToken);
        if (opened.Created && reasons.Count > 0)
        {
            await step.Get<UrgentAlerts>().RaiseAsync(opened.CaseNumber, report.Categories, report.Place, reasons, step.CancellationToken);
        }
        Log.Opened(step.Get<ILogger<ComplaintDialog>>(), opened.CaseNumber, reasons.Count > 0, report.Files);
        step.Context.DropDraft(DraftKey);

        step.Say(IntakeTexts.CaseOpened(opened.CaseNumber));
        if (code is not null)
        {
            step.Say(IntakeTexts.FollowUpCode(code));
        }
        if (reasons.Count > 0)
        {
            step.Say(IntakeTexts.UrgentNotice);
        }
        step.Say(report.FollowUp switch
        {
            FollowUps.Phone => IntakeTexts.WhatNextPhone,
            FollowUps.Anonymous => IntakeTexts.WhatNextAnonymous,
            _ => IntakeTexts.WhatNextChat,
        }, MainMenu.Choices);
        return await step.EndAsync();
    }

    /// <summary>Without consent nothing personal is kept: the draft, its files and what was said since it began go.</summary>
    private static async Task<DialogTurnResult> RefusedAsync(WaterfallStep<Complaint> step)
    {
        var contact = step.Context.Contact;
        await step.Get<DraftEvidenceStore>().DropAsync(contact.Id, step.CancellationToken);
        await step.Get<TranscriptStore>().DeleteSinceAsync(contact.Id, step.State.Begun, step.CancellationToken);
        step.Context.DropDraft(DraftKey);
        var advice = step.State.Categories.Select(c => CaseCatalog.FindCategory(c)!)
            .Where(c => RightsEntry(c.Code) is not null)
            .Select(c => new Choice(GlobalCommands.AnswerPrefix + RightsEntry(c.Code), c.Title))
            .Take(3)
            .Append(new Choice(GlobalCommands.PersonPayload, MenuTexts.Person))
            .Append(new Choice(GlobalCommands.MenuPayload, MenuTexts.Menu));
        step.Say(IntakeTexts.NoConsent, advice);
        return await step.EndAsync();
    }

    public override async Task EndAsync(DialogContext dialogs, DialogInstance instance, DialogEndReason reason)
    {
        if (reason == DialogEndReason.Cancelled && dialogs.Context.Stopping && dialogs.Context.Draft<Complaint>(DraftKey) is not null)
        {
            await dialogs.Context.Get<DraftEvidenceStore>().DropAsync(dialogs.Context.Contact.Id, dialogs.Context.CancellationToken);
            dialogs.Context.DropDraft(DraftKey);
            dialogs.Context.Say(IntakeTexts.ReportCancelled);
        }
    }

    /// <summary>The knowledge entry that tells a worker their rights for a kind of violation.</summary>
    public static string? RightsEntry(string category) => category switch
    {
        "unpaid_wages" => "unpaid-wages",
        "forced_overtime" => "forced-overtime",
        "dismissal" => "unfair-dismissal",
        "union_dismissal" => "union-leader-dismissed",
        "harassment" => "sexual-harassment",
        "unsafe_work" => "work-injury-what-to-do",
        "nssf" => "nssf-not-registered",
        "child_labour" => "child-labour-report",
        "trafficking" => "trafficking-help",
        _ => null,
    };

    public static Text Summarize(Complaint report)
    {
        Text Or(Text? value) => value ?? IntakeTexts.NotGiven;
        var categories = report.Categories.Select(c => CaseCatalog.FindCategory(c)?.Name ?? Text.Verbatim(c)).ToList();
        var description = string.Join(" ", report.Description);
        return IntakeTexts.Summary(
            Join(categories),
            string.IsNullOrEmpty(report.Employer) ? IntakeTexts.DontKnow : Text.Verbatim(report.Employer),
            Or(report.Place is { } place ? CaseCatalog.FindPlace(place)?.Name : null),
            Or(report.Sector is { } sector ? CaseCatalog.FindSector(sector)?.Name : null),
            Or(report.Started is { } started ? Questions.WhenChoices.FirstOrDefault(c => c.Payload == started)?.Title ?? Text.Verbatim(started) : null),
            Or(report.WorkersAffected is { } count ? Questions.HowManyChoices.FirstOrDefault(c => c.Payload == count.ToString(CultureInfo.InvariantCulture))?.Title ?? IntakeTexts.Number(count) : null),
            description.Length == 0 ? IntakeTexts.NotGiven : Text.Verbatim(description.Length > 300 ? KhmerText.Cut(description, 300) + "…" : description),
            report.Files == 0 ? IntakeTexts.NoFiles : IntakeTexts.Number(report.Files),
            Or(report.OthersAware is { } aware ? Questions.WhoKnowsChoice(aware) : null),
            report.FollowUp switch
            {
                FollowUps.Phone => Text.Bilingual($"{IntakeTexts.FollowUpPhone.Render(Language.Km)} {report.Phone}", $"{IntakeTexts.FollowUpPhone.Render(Language.En)} {report.Phone}"),
                FollowUps.Anonymous => IntakeTexts.FollowUpAnonymous,
                _ => IntakeTexts.FollowUpChat,
            });
    }

    private static Text Join(IReadOnlyList<Text> parts) => Text.Bilingual(
        string.Join(", ", parts.Select(p => p.Render(Language.Km))), string.Join(", ", parts.Select(p => p.Render(Language.En))));

    /// <summary>Eight digits an anonymous reporter can read out; derived with the personal-data key from the report's
    /// source, so processing the same confirmation again gives the same code.</summary>
    private static string FollowUpCodeFor(WaterfallStep<Complaint> step, string sourceKey)
    {
        var hash = step.Get<PersonalDataCipher>().LookupKey("follow-up-code:" + sourceKey);
        var number = ulong.Parse(hash[..15], NumberStyles.HexNumber, CultureInfo.InvariantCulture) % 100_000_000UL;
        return number.ToString("D8", CultureInfo.InvariantCulture);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseNumber} opened (urgent: {Urgent}, {Files} file(s))")]
        public static partial void Opened(ILogger logger, string caseNumber, bool urgent, int files);
    }
}
