using Central.Dialogs.Conversation.Localization;

namespace Central.Dialogs.Knowledge;

public static class KnowledgeTexts
{
    private static readonly TextTable Table = new(typeof(KnowledgeTexts));

    public static Text Footer(Text basis, Text reviewed) => Table.Get(nameof(Footer), basis, reviewed);
    public static Text Months => Table.Get();
    public static Text WhichOne => Table.Get();
    public static Text NoneOfThese => Table.Get();
    public static Text DontKnow => Table.Get();
    public static Text NotAvailable => Table.Get();
    public static Text Topics => Table.Get();
    public static Text ChooseTopic => Table.Get();
    public static Text ChooseTopicRetry => Table.Get();
    public static Text ChooseQuestion => Table.Get();
    public static Text ChooseQuestionRetry => Table.Get();
    public static Text Calculators => Table.Get();
    public static Text ChooseCalculator => Table.Get();
}
