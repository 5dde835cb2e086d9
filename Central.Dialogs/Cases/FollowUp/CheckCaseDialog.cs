using Central.Data.Cases;
using Central.Dialogs.Cases.Intake;
using Central.Dialogs.Conversation;
using Central.Dialogs.Conversation.Localization;
using Central.Dialogs.Conversation.Menu;
using Central.Dialogs.Conversation.Prompts;

namespace Central.Dialogs.Cases.FollowUp;

public sealed class CaseCheck
{
    public string? CaseNumber { get; set; }
    public bool Own { get; set; }
    public int Added { get; set; }
}

/// <summary>
/// "Check my case": the worker's own cases by their chat identity, or a case number with the follow-up code that
/// anonymous reporters get; the status in plain words; and more information or files for a case still open.
/// Wrong codes are limited (5 an hour), so a code cannot be guessed.
/// </summary>
public sealed class CheckCaseDialog() : Waterfall<CaseCheck>(MainMenu.CheckCase,
    OfferOwnCases,
    AskNumberUnlessOwn,
    AskCodeUnlessOwn,
    ShowStatus,
    AddOrFinish,
    SaveAddition)
{
    public const string AnotherPayload = "ANOTHER";
    public const string AddPayload = "ADD";
    private const string FailuresKey = "case-lookup-failures";
    private const int MaxFailuresPerHour = 5;

    private static readonly ChoicePrompt WhichPrompt = new("check-case.which", FollowUpTexts.WhichCase, IntakeTexts.RetryButtons);
    private static readonly TextPrompt NumberPrompt = new("check-case.number", FollowUpTexts.AskCaseNumber, FollowUpTexts.RetryCaseNumber)
    {
        Validator = typed => CaseNumbers.Normalize(typed) is null ? FollowUpTexts.RetryCaseNumber : null,
    };
    private static readonly TextPrompt CodePrompt = new("check-case.code", FollowUpTexts.AskCode, FollowUpTexts.RetryCode)
    {
        Validator = typed => CaseNumbers.NormalizeCode(typed) is null ? FollowUpTexts.RetryCode : null,
    };
    private static readonly ChoicePrompt NextPrompt = new("check-case.next", FollowUpTexts.AddInformation, IntakeTexts.RetryButtons);
    private static readonly EvidencePrompt AdditionPrompt = new("check-case.addition", FollowUpTexts.AskAddition, FollowUpTexts.RetryAddition);

    private static async Task<DialogTurnResult> OfferOwnCases(WaterfallStep<CaseCheck> step)
    {
        var own = await step.Get<CaseStore>().ForContactAsync(step.Context.Contact.Id, step.CancellationToken);
        if (own.Count == 0)
        {
            step.Say(FollowUpTexts.NoOwnCases);
            return await step.NextAsync(AnotherPayload);
        }
        if (own.Count == 1)
        {
            return await step.NextAsync(own[0].CaseNumber);
        }
        var choices = own.Take(10).Select(c => new Choice(c.CaseNumber, Text.Verbatim(c.CaseNumber))).Append(new Choice(AnotherPayload, FollowUpTexts.AnotherCase));
        return await step.PromptAsync(WhichPrompt, new PromptOptions { Choices = [.. choices] });
    }

    private static async Task<DialogTurnResult> AskNumberUnlessOwn(WaterfallStep<CaseCheck> step)
    {
        if (step.Result is string number && number != AnotherPayload)
        {
            step.State.CaseNumber = number;
            step.State.Own = true;
            return await step.NextAsync();
        }
        if (TooManyFailures(step))
        {
            step.Say(FollowUpTexts.TooManyTries, new Choice(GlobalCommands.PersonPayload, MenuTexts.Person), new Choice(GlobalCommands.MenuPayload, MenuTexts.Menu));
            return await step.EndAsync();
        }
        return await step.PromptAsync(NumberPrompt);
    }

    private static async Task<DialogTurnResult> AskCodeUnlessOwn(WaterfallStep<CaseCheck> step)
    {
        if (step.State.Own)
        {
            return await step.NextAsync();
        }
        step.State.CaseNumber = CaseNumbers.Normalize(step.Answer<string>());
        return await step.PromptAsync(CodePrompt);
    }

    private static async Task<DialogTurnResult> ShowStatus(WaterfallStep<CaseCheck> step)
    {
        var cases = step.Get<CaseStore>();
        var found = step.State.Own
            ? await cases.FindAsync(step.State.CaseNumber!, step.CancellationToken)
            : await cases.FindWithFollowUpCodeAsync(step.State.CaseNumber!, CaseNumbers.NormalizeCode(step.Answer<string>())!, step.CancellationToken);
        if (found is null || (step.State.Own && found.ContactId != step.Context.Contact.Id))
        {
            RecordFailure(step);
            step.Say(FollowUpTexts.NotFound, new Choice(MainMenu.CasePayload, MenuTexts.CheckCase), new Choice(GlobalCommands.PersonPayload, MenuTexts.Person), new Choice(GlobalCommands.MenuPayload, MenuTexts.Menu));
            return await step.EndAsync();
        }
        var status = FollowUpTexts.Status(found.CaseNumber, Dates.Text(found.CreatedAt), CaseCatalog.Status(found.Status), Dates.Text(found.UpdatedAt));
        if (!CaseStatus.IsOpen(found.Status))
        {
            step.Say(status);
            step.Say(FollowUpTexts.CaseEnded(CaseCatalog.Status(found.Status)), MainMenu.Choices);
            return await step.EndAsync();
        }
        return await step.PromptAsync(NextPrompt, new PromptOptions
        {
            Question = status,
            Choices = [new(AddPayload, FollowUpTexts.AddInformation), new(GlobalCommands.MenuPayload, MenuTexts.Menu)],
        });
    }

    private static async Task<DialogTurnResult> AddOrFinish(WaterfallStep<CaseCheck> step)
    {
        var question = step.State.Added == 0 ? FollowUpTexts.AskAddition : IntakeTexts.AskMoreDescription;
        return await step.PromptAsync(AdditionPrompt, new PromptOptions { Question = question, Choices = [new(Questions.DonePayload, IntakeTexts.Done)] });
    }

    private static async Task<DialogTurnResult> SaveAddition(WaterfallStep<CaseCheck> step)
    {
        var said = step.Answer<Evidence>();
        var cases = step.Get<CaseStore>();
        var found = await cases.FindAsync(step.State.CaseNumber!, step.CancellationToken);
        if (said.Done || found is null)
        {
            step.Say(step.State.Added > 0 ? FollowUpTexts.Added(step.State.CaseNumber!) : FollowUpTexts.NothingAdded, MainMenu.Choices);
            return await step.EndAsync();
        }
        if (said.Text is { Length: > 0 } text)
        {
            await cases.AddEventAsync(found.Id, "worker", "worker_added", new { text }, step.CancellationToken);
            step.State.Added++;
        }
        foreach (var file in said.Files)
        {
            switch (await step.Get<EvidenceFetcher>().FetchAsync(file, step.CancellationToken))
            {
                case Fetched.Stored stored:
                    await cases.AddAttachmentAsync(found.Id, stored.File, "worker", step.CancellationToken);
                    step.State.Added++;
                    step.Say(IntakeTexts.Received(Questions.KindName(file.Kind)));
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
        return await step.GoToAsync(AddOrFinish);
    }

    private static bool TooManyFailures(WaterfallStep<CaseCheck> step)
    {
        var hourAgo = step.Get<TimeProvider>().GetUtcNow().AddHours(-1);
        return (step.Context.Draft<List<DateTimeOffset>>(FailuresKey) ?? []).Count(t => t > hourAgo) >= MaxFailuresPerHour;
    }

    private static void RecordFailure(WaterfallStep<CaseCheck> step)
    {
        if (step.State.Own)
        {
            return;
        }
        var now = step.Get<TimeProvider>().GetUtcNow();
        var failures = (step.Context.Draft<List<DateTimeOffset>>(FailuresKey) ?? []).Where(t => t > now.AddHours(-1)).Append(now).ToList();
        step.Context.SaveDraft(FailuresKey, failures);
    }
}
