using Central.Dialogs.Conversation;
using Central.Dialogs.Conversation.Localization;
using Central.Dialogs.Conversation.Prompts;

namespace Central.Dialogs.Knowledge.Calculators;

public sealed class OvertimeState
{
    public long Wage { get; set; }
    public long DayHours { get; set; }
    public long NightHours { get; set; }
}

/// <summary>
/// Overtime pay for a month: 150% on working days, 200% at night (10 pm–5 am) and on the weekly day off (LL art. 139,
/// Prakas 112/25 art. 5 — entry overtime-pay). The hourly rate is an estimate: monthly wage ÷ 208 hours (48 a week).
/// </summary>
public sealed class OvertimeCalculator() : Waterfall<OvertimeState>(DialogId, AskWage, AskDayHours, AskNightHours, ShowResult)
{
    public const string DialogId = "calc-overtime";
    public const decimal HoursPerMonth = 208m; // 48 hours a week × 52 weeks ÷ 12 months (LL art. 137)

    private static readonly NumberPrompt Wage = new("calc-overtime.wage", CalculatorTexts.AskMonthlyWage, CalculatorTexts.WageRetry) { Validator = Validators.MonthlyWage };
    private static readonly NumberPrompt DayHours = new("calc-overtime.day", CalculatorTexts.AskDayHours, CalculatorTexts.HoursRetry) { Validator = Validators.MonthHours };
    private static readonly NumberPrompt NightHours = new("calc-overtime.night", CalculatorTexts.AskNightHours, CalculatorTexts.HoursRetry) { Validator = Validators.MonthHours };

    private static Task<DialogTurnResult> AskWage(WaterfallStep<OvertimeState> step) => step.PromptAsync(Wage);

    private static Task<DialogTurnResult> AskDayHours(WaterfallStep<OvertimeState> step)
    {
        step.State.Wage = step.Answer<long>();
        return step.PromptAsync(DayHours);
    }

    private static Task<DialogTurnResult> AskNightHours(WaterfallStep<OvertimeState> step)
    {
        step.State.DayHours = step.Answer<long>();
        return step.PromptAsync(NightHours);
    }

    private static Task<DialogTurnResult> ShowResult(WaterfallStep<OvertimeState> step)
    {
        var state = step.State;
        state.NightHours = step.Answer<long>();
        var hourly = state.Wage / HoursPerMonth;
        var day = hourly * 1.5m * state.DayHours;
        var night = hourly * 2m * state.NightHours;
        Amounts.SayResult(step.Context, CalculatorTexts.OvertimeResult(
                Amounts.Dollars(state.Wage), Amounts.Dollars(hourly), Amounts.Number(state.DayHours), Amounts.Dollars(day),
                Amounts.Number(state.NightHours), Amounts.Dollars(night), Amounts.Dollars(Math.Round(day, 2) + Math.Round(night, 2))),
            step.Get<KnowledgeBase>().Content, ["overtime-pay"]);
        return step.EndAsync();
    }
}

/// <summary>The checks of the calculators' numbers, each with a message that says what to type instead.</summary>
internal static class Validators
{
    public static Text? MonthlyWage(long dollars) => dollars is >= 1 and <= 5000 ? null : CalculatorTexts.WageOutOfRange;

    public static Text? MonthHours(long hours) => hours is >= 0 and <= 300 ? null : CalculatorTexts.HoursOutOfRange;

    public static Text? Years(long years) => years is >= 0 and <= 50 ? null : CalculatorTexts.YearsOutOfRange;

    public static Text? Months(long months) => months is >= 1 and <= 600 ? null : CalculatorTexts.MonthsOutOfRange;

    public static Text? HalfYear(long months) => months is >= 0 and <= 6 ? null : CalculatorTexts.HalfYearOutOfRange;
}
