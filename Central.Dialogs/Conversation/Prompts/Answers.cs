using System.Globalization;
using System.Text;
using Central.Dialogs.Conversation.Localization;

namespace Central.Dialogs.Conversation.Prompts;

/// <summary>Reading what workers type: case, spaces, zero-width characters, trailing punctuation and Khmer digits don't matter.</summary>
public static class Answers
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in KhmerDigits.ToAscii(text.Normalize(NormalizationForm.FormC)))
        {
            if (c is '\u200B' or '\u200C' or '\u200D' or '\uFEFF')
            {
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }
            if (space)
            {
                builder.Append(' ');
                space = false;
            }
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString().TrimEnd('.', '!', '?', '។', '៕', ',', ' ');
    }

    /// <summary>Whether what was typed is one of <paramref name="words"/> (each already normalized).</summary>
    public static bool IsOneOf(string? text, IReadOnlySet<string> words) => words.Contains(Normalize(text));

    /// <summary>The first whole number in the text (ASCII or Khmer digits, thousands separators allowed).</summary>
    public static long? FirstNumber(string? text)
    {
        var normalized = Normalize(text);
        var digits = new StringBuilder();
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = normalized[i];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (digits.Length > 0 && c == ',' && i + 1 < normalized.Length && char.IsAsciiDigit(normalized[i + 1]))
            {
                continue;
            }
            else if (digits.Length > 0)
            {
                break;
            }
        }
        return digits.Length is > 0 and <= 12 && long.TryParse(digits.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }
}
