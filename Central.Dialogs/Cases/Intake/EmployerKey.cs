using System.Text;

namespace Central.Dialogs.Cases.Intake;

/// <summary>
/// A key that makes different spellings of one employer meet, so caseworkers see several reports about the same
/// factory together: case, spaces, punctuation, zero-width characters and words like "Co., Ltd." or "រោងចក្រ" don't count.
/// </summary>
public static class EmployerKey
{
    private static readonly HashSet<string> GenericWords = ["company", "limited", "factory", "garment", "garments", "co", "ltd", "inc", "plc", "the", "ក្រុមហ៊ុន", "រោងចក្រ", "កាត់ដេរ"];

    // Khmer writes these joined to the name ("រោងចក្រស៊ិនហួ"), so they are also taken off the front of a word.
    private static readonly string[] KhmerPrefixes = ["ក្រុមហ៊ុន", "រោងចក្រ", "កាត់ដេរ"];

    public static string? From(string? employer)
    {
        if (string.IsNullOrWhiteSpace(employer))
        {
            return null;
        }
        var key = new StringBuilder();
        var words = employer.Normalize(NormalizationForm.FormC).ToLowerInvariant()
            .Split([' ', ',', '.', '(', ')', '-', '/', '&', '\u200B', '\u200C', '\u200D', '\t', '។'], StringSplitOptions.RemoveEmptyEntries);
        foreach (var word in words)
        {
            var rest = word;
            while (KhmerPrefixes.FirstOrDefault(p => rest.StartsWith(p, StringComparison.Ordinal)) is { } prefix)
            {
                rest = rest[prefix.Length..];
            }
            if (!GenericWords.Contains(rest))
            {
                key.Append(rest);
            }
        }
        return key.Length == 0 ? null : key.Length > 300 ? key.ToString(0, 300) : key.ToString();
    }
}
