using Central.Dialogs.Conversation;
using Central.Dialogs.Conversation.Localization;
using Central.Dialogs.Conversation.Menu;
using Central.Dialogs.Conversation.Prompts;

namespace Central.Dialogs.Knowledge.Calculators;

public sealed class WageCheckState
{
    public long Years { get; set; }
}

/// <summary>
/// "Is my wage at least the minimum?" for 2026 in the garment, textile, footwear, travel-goods and bag sector:
/// $210 (Prakas 214, entry minimum-wage-2026) plus attendance $10, transport/accommodation $7 and the seniority
/// bonus ($2 in the 2nd year, $1 more each year, $11 from the 11th) — entry gtf-bonuses, fact rows P2 and P3.
/// The 2026 probation rate is not confirmed, so for workers on probation it says so and offers a person.
/// </summary>
public sealed class WageCheck() : Waterfall<WageCheckState>(DialogId, AskSector, AskProbation, AskYears, AskBaseWage, ShowResult)
{
    public const string DialogId = "calc-wage";
    public const decimal Minimum2026 = 210m;
    public const decimal AttendanceBonus = 10m;
    public const decimal TransportAllowance = 7m;

    private static readonly ConfirmPrompt Sector = new("calc-wage.sector", CalculatorTexts.AskSector, CalculatorTexts.YesNoRetry);
    private static readonly ConfirmPrompt Probation = new("calc-wage.probation", CalculatorTexts.AskProbation, CalculatorTexts.YesNoRetry);
    private static readonly NumberPrompt Years = new("calc-wage.years", CalculatorTexts.AskYears, CalculatorTexts.YearsRetry) { Validator = Validators.Years };
    private static readonly NumberPrompt BaseWage = new("calc-wage.base", CalculatorTexts.AskBaseWage, CalculatorTexts.WageRetry) { Validator = Validators.MonthlyWage };

    /// <summary>The monthly seniority bonus in the given year of work (1 = the first year).</summary>
    public static decimal SeniorityBonus(long yearOfWork) => yearOfWork < 2 ? 0 : Math.Min(yearOfWork, 11);

    private static Task<DialogTurnResult> AskSector(WaterfallStep<WageCheckState> step) => step.PromptAsync(Sector);

    private static async Task<DialogTurnResult> AskProbation(WaterfallStep<WageCheckState> step)
    {
        if (!step.Answer<bool>())
        {
            Amounts.SayResult(step.Context, CalculatorTexts.OtherSector, step.Get<KnowledgeBase>().Content, ["minimum-wage-scope"]);
            return await step.EndAsync();
        }
        return await step.PromptAsync(Probation);
    }

    private static async Task<DialogTurnResult> AskYears(WaterfallStep<WageCheckState> step)
    {
        if (step.Answer<bool>())
        {
            Amounts.SayResult(step.Context, CalculatorTexts.ProbationUnknown, step.Get<KnowledgeBase>().Content, ["minimum-wage-probation"],
                new Choice(GlobalCommands.PersonPayload, MenuTexts.Person));
            return await step.EndAsync();
        }
        return await step.PromptAsync(Years);
    }

    private static Task<DialogTurnResult> AskBaseWage(WaterfallStep<WageCheckState> step)
    {
        step.State.Years = step.Answer<long>();
        return step.PromptAsync(BaseWage);
    }

    private static Task<DialogTurnResult> ShowResult(WaterfallStep<WageCheckState> step)
    {
        decimal wage = step.Answer<long>();
        var year = step.State.Years + 1;
        var seniority = SeniorityBonus(year);
        var verdict = wage >= Minimum2026
            ? CalculatorTexts.WageEnough(Amounts.Dollars(wage), Amounts.Dollars(Minimum2026))
            : CalculatorTexts.WageBelow(Amounts.Dollars(wage), Amounts.Dollars(Minimum2026), Amounts.Dollars(Minimum2026 - wage));
        var bonuses = CalculatorTexts.WageBonuses(Amounts.Dollars(AttendanceBonus), Amounts.Dollars(TransportAllowance), Amounts.Dollars(seniority),
            Amounts.Number(year), Amounts.Dollars(Math.Max(wage, Minimum2026) + AttendanceBonus + TransportAllowance + seniority));
        var result = Text.Bilingual(
            verdict.Render(Language.Km) + "\n\n" + bonuses.Render(Language.Km),
            verdict.Render(Language.En) + "\n\n" + bonuses.Render(Language.En));
        Choice[] report = wage < Minimum2026 ? [new Choice(MainMenu.ReportPayload, MenuTexts.Report)] : [];
        Amounts.SayResult(step.Context, result, step.Get<KnowledgeBase>().Content, ["minimum-wage-2026", "gtf-bonuses"], report);
        return step.EndAsync();
    }
}
