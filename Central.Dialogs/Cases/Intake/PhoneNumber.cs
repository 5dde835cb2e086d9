using System.Text;
using Central.Dialogs.Conversation.Localization;

namespace Central.Dialogs.Cases.Intake;

/// <summary>A phone number as workers type it (spaces, dashes, Khmer digits, +855 or 0): kept as digits with an optional +.</summary>
public static class PhoneNumber
{
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }
        var text = KhmerDigits.ToAscii(typed.Trim());
        var digits = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c == '+' && digits.Length == 0)
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                return null;
            }
        }
        var count = digits.ToString().Count(char.IsAsciiDigit);
        return count is >= 8 and <= 15 ? digits.ToString() : null;
    }
}
