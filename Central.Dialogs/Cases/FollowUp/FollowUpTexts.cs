using Central.Dialogs.Conversation.Localization;

namespace Central.Dialogs.Cases.FollowUp;

public static class FollowUpTexts
{
    private static readonly TextTable Table = new(typeof(FollowUpTexts));

    public static Text NoOwnCases => Table.Get();
    public static Text WhichCase => Table.Get();
    public static Text AnotherCase => Table.Get();
    public static Text AskCaseNumber => Table.Get();
    public static Text RetryCaseNumber => Table.Get();
    public static Text AskCode => Table.Get();
    public static Text RetryCode => Table.Get();
    public static Text NotFound => Table.Get();
    public static Text TooManyTries => Table.Get();
    public static Text Status(string caseNumber, Text reported, Text status, Text changed) => Table.Get(nameof(Status), Text.Verbatim(caseNumber), reported, status, changed);
    public static Text AddInformation => Table.Get();
    public static Text AskAddition => Table.Get();
    public static Text RetryAddition => Table.Get();
    public static Text Added(string caseNumber) => Table.Get(nameof(Added), Text.Verbatim(caseNumber));
    public static Text NothingAdded => Table.Get();
    public static Text CaseEnded(Text status) => Table.Get(nameof(CaseEnded), status);

    /// <summary>What a worker is told when a caseworker changes their case's status.</summary>
    public static Text StatusChanged(string caseNumber, Text status) => Table.Get(nameof(StatusChanged), Text.Verbatim(caseNumber), status);
}
