using Central.Dialogs.Conversation.Localization;

namespace Central.Dialogs.Conversation.Prompts;

/// <summary>Yes or no, as two buttons; typed ok/yes/បាទ/ចាស or no/ទេ/អត់ also count. The result is a bool.</summary>
public sealed class ConfirmPrompt(string id, Text question, Text retry) : Prompt<bool>(id, question, retry)
{
    public const string Yes = "YES";
    public const string No = "NO";

    private static readonly HashSet<string> YesWords = ["yes", "y", "ok", "okay", "yeah", "yep", "sure", "agree", "i agree", "បាទ", "ចាស", "ចា", "បាទ/ចាស", "បាទចាស", "យល់ព្រម", "ព្រម", "អូខេ", "ok បាទ", "ត្រូវ", "ត្រឹមត្រូវ", "មែន"];
    private static readonly HashSet<string> NoWords = ["no", "n", "nope", "not", "don't", "do not", "disagree", "ទេ", "អត់", "អត់ទេ", "មិន", "មិនព្រម", "មិនយល់ព្រម", "ទេ អរគុណ", "no thanks"];

    protected override IReadOnlyList<Choice>? DefaultChoices => [new(Yes, PromptTexts.Yes), new(No, PromptTexts.No)];

    protected override Recognition<bool> Recognize(TurnContext context, PromptOptions options)
    {
        if (ChoicePrompt.Match(context.Turn, options.Choices ?? []) is { } payload && payload is Yes or No)
        {
            return Recognition<bool>.Of(payload == Yes);
        }
        var typed = context.Turn.Text;
        return Answers.IsOneOf(typed, YesWords) ? Recognition<bool>.Of(true)
            : Answers.IsOneOf(typed, NoWords) ? Recognition<bool>.Of(false)
            : Recognition<bool>.None;
    }
}
