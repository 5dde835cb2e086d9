using Central.Dialogs.Conversation;
using Central.Dialogs.Conversation.Prompts;

namespace Central.Dialogs.Knowledge.Calculators;

public sealed class SeniorityState
{
    public string Contract { get; set; } = "";
    public long Wage { get; set; }
}

/// <summary>
/// Seniority payment estimate. UDC: 15 days' wages and benefits a year, 7.5 in June and 7.5 in December; on dismissal
/// (not for serious misconduct) the current half-year's share, 7 days for 1 to under 6 months (LL art. 89, Prakas
/// 443/18; entries seniority-payment, seniority-on-dismissal). FDC: no seniority payment but severance of at least
/// 5% of the wages earned (LL art. 73; entry fdc-severance). The daily wage (÷ 26) is an estimate, and says so.
/// </summary>
public sealed class SeniorityCalculator() : Waterfall<SeniorityState>(DialogId, AskContract, AskWage, AskMonths, ShowResult)
{
    public const string DialogId = "calc-seniority";
    public const decimal WorkingDaysPerMonth = 26m; // 48 hours a week at 8 hours a day = 6 days × 52 ÷ 12
    private const string Udc = "UDC";
    private const string Fdc = "FDC";

    private static readonly ChoicePrompt Contract = new("calc-seniority.contract", CalculatorTexts.AskContract, CalculatorTexts.ContractRetry,
        new Choice(Udc, CalculatorTexts.ContractUdc), new Choice(Fdc, CalculatorTexts.ContractFdc));
    private static readonly NumberPrompt Wage = new("calc-seniority.wage", CalculatorTexts.AskWageWithBenefits, CalculatorTexts.WageRetry) { Validator = Validators.MonthlyWage };
    private static readonly NumberPrompt HalfYearMonths = new("calc-seniority.half-year", CalculatorTexts.AskHalfYearMonths, CalculatorTexts.HalfYearOutOfRange) { Validator = Validators.HalfYear };
    private static readonly NumberPrompt ContractMonths = new("calc-seniority.contract-months", CalculatorTexts.AskContractMonths, CalculatorTexts.MonthsRetry) { Validator = Validators.Months };

    /// <summary>Days of the current half-year's share on dismissal, after <paramref name="months"/> in it.</summary>
    public static decimal HalfYearShare(long months) => months switch { <= 0 => 0, < 6 => 7, _ => 7.5m };

    private static Task<DialogTurnResult> AskContract(WaterfallStep<SeniorityState> step) => step.PromptAsync(Contract);

    private static Task<DialogTurnResult> AskWage(WaterfallStep<SeniorityState> step)
    {
        step.State.Contract = step.Answer<string>();
        return step.PromptAsync(Wage);
    }

    private static Task<DialogTurnResult> AskMonths(WaterfallStep<SeniorityState> step)
    {
        step.State.Wage = step.Answer<long>();
        return step.PromptAsync(step.State.Contract == Fdc ? ContractMonths : HalfYearMonths);
    }

    private static Task<DialogTurnResult> ShowResult(WaterfallStep<SeniorityState> step)
    {
        var months = step.Answer<long>();
        decimal wage = step.State.Wage;
        var content = step.Get<KnowledgeBase>().Content;
        if (step.State.Contract == Fdc)
        {
            var earned = wage * months;
            Amounts.SayResult(step.Context, CalculatorTexts.SeniorityFdcResult(Amounts.Dollars(wage), Amounts.Number(months), Amounts.Dollars(earned), Amounts.Dollars(earned * 0.05m)),
                content, ["fdc-severance"]);
            return step.EndAsync();
        }
        var daily = wage / WorkingDaysPerMonth;
        var share = HalfYearShare(months);
        Amounts.SayResult(step.Context, CalculatorTexts.SeniorityUdcResult(Amounts.Dollars(daily), Amounts.Dollars(wage), Amounts.Dollars(daily * 7.5m),
                Amounts.Dollars(daily * 15), Amounts.Number(share), Amounts.Dollars(daily * share)),
            content, ["seniority-payment", "seniority-on-dismissal"], new Choice(GlobalCommands.PersonPayload, Conversation.Menu.MenuTexts.Person));
        return step.EndAsync();
    }
}
