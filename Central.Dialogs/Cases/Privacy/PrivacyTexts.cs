using Central.Dialogs.Conversation.Localization;

namespace Central.Dialogs.Cases.Privacy;

public static class PrivacyTexts
{
    private static readonly TextTable Table = new(typeof(PrivacyTexts));

    public static Text ConfirmDelete => Table.Get();
    public static Text RetryConfirmDelete => Table.Get();
    public static Text DeleteYes => Table.Get();
    public static Text DeleteNo => Table.Get();
    public static Text Deleted(int reports) => Table.Get(nameof(Deleted), Cases.Intake.IntakeTexts.Number(reports));
    public static Text NotDeleted => Table.Get();
}
