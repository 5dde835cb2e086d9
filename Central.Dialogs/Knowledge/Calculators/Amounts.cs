using System.Globalization;
using Central.Dialogs.Conversation;
using Central.Dialogs.Conversation.Localization;
using Central.Dialogs.Conversation.Menu;

namespace Central.Dialogs.Knowledge.Calculators;

/// <summary>Numbers as the worker reads them: "$30.29" / "៣០,២៩ ដុល្លារ" (Khmer digits, decimal comma as the content writes ២.០០០ រៀល).</summary>
internal static class Amounts
{
    public static Text Number(decimal value) => Both(Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture));

    public static Text Dollars(decimal value)
    {
        var rounded = Math.Round(value, 2);
        var plain = rounded.ToString(rounded == decimal.Truncate(rounded) ? "0" : "0.00", CultureInfo.InvariantCulture);
        return CalculatorTexts.Dollars(Both(plain));
    }

    private static Text Both(string plain) => Text.Bilingual(KhmerDigits.FromAscii(plain.Replace('.', ',')), plain);

    /// <summary>A calculator's result: the figures, then the rule they come from (legal basis and review date).</summary>
    public static void SayResult(TurnContext context, Text result, KnowledgeContent content, IEnumerable<string> entryIds, params IEnumerable<Choice> extra)
    {
        var entries = entryIds.Select(content.Find).OfType<KnowledgeEntry>().ToList();
        string In(Language language) => string.Join("\n\n",
            new[] { result.Render(language) }.Concat(entries.Select(e => AnswerMessage.Footer(e.Basis, e.Reviewed).Render(language))));
        var buttons = extra.Concat(entries.Select(e => new Choice(AnswerMessage.PayloadOf(e.Id), e.Title.AsText())))
            .Append(new Choice(GlobalCommands.MenuPayload, MenuTexts.Menu));
        context.Say(Text.Bilingual(In(Language.Km), In(Language.En)), buttons);
    }
}
