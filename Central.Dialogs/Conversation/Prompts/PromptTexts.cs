using Central.Dialogs.Conversation.Localization;

namespace Central.Dialogs.Conversation.Prompts;

public static class PromptTexts
{
    private static readonly TextTable Table = new(typeof(PromptTexts));

    public static Text Yes => Table.Get();
    public static Text No => Table.Get();
    public static Text More => Table.Get();
}
