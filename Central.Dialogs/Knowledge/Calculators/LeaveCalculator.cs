using Central.Dialogs.Conversation;
using Central.Dialogs.Conversation.Localization;
using Central.Dialogs.Conversation.Prompts;

namespace Central.Dialogs.Knowledge.Calculators;

public sealed class LeaveState
{
}

/// <summary>
/// Annual leave earned, full time: 1.5 days a month (18 a year), +1 day a year for every 3 years of service, taken
/// after the first year or paid out if the contract ends before (LL arts 166–168; entries annual-leave,
/// annual-leave-seniority, annual-leave-first-year).
/// </summary>
public sealed class LeaveCalculator() : Waterfall<LeaveState>(DialogId, AskMonths, ShowResult)
{
    public const string DialogId = "calc-leave";

    private static readonly NumberPrompt Months = new("calc-leave.months", CalculatorTexts.AskMonths, CalculatorTexts.MonthsRetry) { Validator = Validators.Months };

    /// <summary>Days of annual leave a year after <paramref name="months"/> of service.</summary>
    public static decimal DaysPerYear(long months) => 18 + (months / 12 / 3);

    private static Task<DialogTurnResult> AskMonths(WaterfallStep<LeaveState> step) => step.PromptAsync(Months);

    private static Task<DialogTurnResult> ShowResult(WaterfallStep<LeaveState> step)
    {
        var months = step.Answer<long>();
        var perYear = DaysPerYear(months);
        var thisYear = months < 12 ? months : months % 12;
        var earned = thisYear * perYear / 12;
        var result = CalculatorTexts.LeaveResult(Amounts.Number(months), Amounts.Number(perYear), Amounts.Number(thisYear), Amounts.Number(earned));
        if (months < 12)
        {
            result = Text.Bilingual(
                result.Render(Language.Km) + "\n" + CalculatorTexts.LeaveFirstYear.Render(Language.Km),
                result.Render(Language.En) + "\n" + CalculatorTexts.LeaveFirstYear.Render(Language.En));
        }
        Amounts.SayResult(step.Context, result, step.Get<KnowledgeBase>().Content,
            months < 12 ? ["annual-leave-first-year"] : months >= 36 ? ["annual-leave", "annual-leave-seniority"] : ["annual-leave"]);
        return step.EndAsync();
    }
}
