using Central.Dialogs.Conversation.Localization;

namespace Central.Dialogs.Knowledge.Calculators;

/// <summary>
/// A calculator a worker can start from the browse menu or from the buttons under the answers about its rule.
/// <see cref="Payload"/> reaches the answer dialog (MainMenu routes unknown payloads there), which begins it.
/// </summary>
public sealed record Calculator(string DialogId, Text Title, IReadOnlyList<string> EntryIds)
{
    public const string PayloadPrefix = "CALC:";

    public string Payload => PayloadPrefix + DialogId;

    /// <summary>The calculators, and the answers under which each is offered.</summary>
    public static IReadOnlyList<Calculator> All { get; } =
    [
        new(OvertimeCalculator.DialogId, CalculatorTexts.OvertimeTitle, ["overtime-pay", "overtime-limits", "night-work", "weekly-rest"]),
        new(WageCheck.DialogId, CalculatorTexts.WageTitle, ["minimum-wage-2026", "gtf-bonuses", "minimum-wage-scope", "seniority-bonus", "piece-rate"]),
        new(LeaveCalculator.DialogId, CalculatorTexts.LeaveTitle, ["annual-leave", "annual-leave-seniority", "annual-leave-first-year"]),
        new(SeniorityCalculator.DialogId, CalculatorTexts.SeniorityTitle, ["seniority-payment", "seniority-on-dismissal", "seniority-resign", "fdc-severance"]),
    ];

    public static IEnumerable<Calculator> For(string entryId) => All.Where(c => c.EntryIds.Contains(entryId));

    public static Calculator? OfPayload(string? payload) => All.FirstOrDefault(c => c.Payload == payload);
}
