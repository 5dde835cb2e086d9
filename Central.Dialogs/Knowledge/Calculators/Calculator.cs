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

    public static IReadOnlyList<Calculator> All { get; } = [];

    public static IEnumerable<Calculator> For(string entryId) => All.Where(c => c.EntryIds.Contains(entryId));

    public static Calculator? OfPayload(string? payload) => All.FirstOrDefault(c => c.Payload == payload);
}
