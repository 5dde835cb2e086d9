using Central.Dialogs.Conversation.Localization;

namespace Central.Dialogs.Knowledge.Calculators;

public static class CalculatorTexts
{
    private static readonly TextTable Table = new(typeof(CalculatorTexts));

    public static Text OvertimeTitle => Table.Get();
    public static Text WageTitle => Table.Get();
    public static Text LeaveTitle => Table.Get();
    public static Text SeniorityTitle => Table.Get();
    public static Text AskMonthlyWage => Table.Get();
    public static Text WageRetry => Table.Get();
    public static Text WageOutOfRange => Table.Get();
    public static Text AskDayHours => Table.Get();
    public static Text AskNightHours => Table.Get();
    public static Text HoursRetry => Table.Get();
    public static Text HoursOutOfRange => Table.Get();
    public static Text OvertimeResult(Text a0, Text a1, Text a2, Text a3, Text a4, Text a5, Text a6) => Table.Get(nameof(OvertimeResult), a0, a1, a2, a3, a4, a5, a6);
    public static Text AskSector => Table.Get();
    public static Text YesNoRetry => Table.Get();
    public static Text OtherSector => Table.Get();
    public static Text AskProbation => Table.Get();
    public static Text ProbationUnknown => Table.Get();
    public static Text AskYears => Table.Get();
    public static Text YearsRetry => Table.Get();
    public static Text YearsOutOfRange => Table.Get();
    public static Text AskBaseWage => Table.Get();
    public static Text WageEnough(Text a0, Text a1) => Table.Get(nameof(WageEnough), a0, a1);
    public static Text WageBelow(Text a0, Text a1, Text a2) => Table.Get(nameof(WageBelow), a0, a1, a2);
    public static Text WageBonuses(Text a0, Text a1, Text a2, Text a3, Text a4) => Table.Get(nameof(WageBonuses), a0, a1, a2, a3, a4);
    public static Text AskMonths => Table.Get();
    public static Text MonthsRetry => Table.Get();
    public static Text MonthsOutOfRange => Table.Get();
    public static Text LeaveResult(Text a0, Text a1, Text a2, Text a3) => Table.Get(nameof(LeaveResult), a0, a1, a2, a3);
    public static Text LeaveFirstYear => Table.Get();
    public static Text AskContract => Table.Get();
    public static Text ContractUdc => Table.Get();
    public static Text ContractFdc => Table.Get();
    public static Text ContractRetry => Table.Get();
    public static Text AskWageWithBenefits => Table.Get();
    public static Text AskHalfYearMonths => Table.Get();
    public static Text HalfYearOutOfRange => Table.Get();
    public static Text AskContractMonths => Table.Get();
    public static Text SeniorityUdcResult(Text a0, Text a1, Text a2, Text a3, Text a4, Text a5) => Table.Get(nameof(SeniorityUdcResult), a0, a1, a2, a3, a4, a5);
    public static Text SeniorityFdcResult(Text a0, Text a1, Text a2, Text a3) => Table.Get(nameof(SeniorityFdcResult), a0, a1, a2, a3);
    public static Text Dollars(Text a0) => Table.Get(nameof(Dollars), a0);
}
