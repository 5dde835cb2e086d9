using System.Globalization;
using System.Text.RegularExpressions;
using Central.Dialogs.Conversation.Localization;

namespace Central.Dialogs.Cases.FollowUp;

/// <summary>Case numbers as workers type them back: "c-2026-42", "C 2026 00042", with Khmer digits.</summary>
public static partial class CaseNumbers
{
    public static string? Normalize(string? typed)
    {
        var match = Pattern().Match(KhmerDigits.ToAscii(typed ?? "").Trim());
        return match.Success
            ? string.Create(CultureInfo.InvariantCulture, $"C-{match.Groups["year"].Value}-{int.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture):D5}")
            : null;
    }

    public static string? NormalizeCode(string? typed)
    {
        var digits = new string([.. KhmerDigits.ToAscii(typed ?? "").Where(char.IsAsciiDigit)]);
        return digits.Length == 8 && KhmerDigits.ToAscii(typed!).All(c => char.IsAsciiDigit(c) || c is ' ' or '-') ? digits : null;
    }

    [GeneratedRegex(@"^[Cc]\s*[-‐–]?\s*(?<year>20\d\d)\s*[-‐–]?\s*(?<number>\d{1,6})$")]
    private static partial Regex Pattern();
}
