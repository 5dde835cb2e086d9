using System.Text.RegularExpressions;

namespace Central.Dialogs.Knowledge.Search;

/// <summary>
/// Countries and cities workers name: where migrants work, and neighbours. A question that names one but not work
/// ("what date is Chuseok in Korea", "best time to visit Japan") is seldom about working there, yet the country
/// alone can carry it to the entry about working there.
/// </summary>
public static partial class Places
{
    // Normalized once, as the questions they are looked for in are.
    private static readonly string[] Khmer = [.. new[] { "ស្រុកថៃ", "ប្រទេសថៃ", "ស្រុកសៀម", "ថៃ", "ម៉ាឡេស៊ី", "កូរ៉េ", "ជប៉ុន", "វៀតណាម", "ចិន", "បាងកក" }
        .Select(KhmerNormalizer.Normalize)];

    /// <summary>The question with the places it names taken out, or null when it names none.</summary>
    public static string? Without(string question)
    {
        var normalized = KhmerNormalizer.Normalize(question);
        var rest = LatinPlace().Replace(normalized, " ");
        foreach (var place in Khmer)
        {
            rest = rest.Replace(place, " ", StringComparison.Ordinal);
        }
        return rest == normalized ? null : rest;
    }

    [GeneratedRegex(@"(?<![a-z])(thailand|thai|siem|malaysia|malaysian|malay|korea|korean|japan|japanese|chobon|vietnam|vietnamese|china|chinese|bangkok|seoul|tokyo|kuala lumpur)(?![a-z])", RegexOptions.CultureInvariant)]
    private static partial Regex LatinPlace();
}
