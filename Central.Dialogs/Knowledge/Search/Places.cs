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

    // Countries the content has no entry on: the places Cambodians also go to work, and others they ask about.
    // Country names only: "Chinese" or "Vietnamese" is as often a manager or a company in Cambodia.
    private static readonly string[] KhmerElsewhere = [.. new[] { "វៀតណាម", "តៃវ៉ាន់", "សិង្ហបុរី", "ឌូបៃ", "អារ៉ាប៊ី", "កាតា", "គុយវ៉ែត", "អូស្ត្រាលី", "ឡាវ", "ហុងកុង", "ហ្វីលីពីន", "ឥណ្ឌូនេស៊ី", "អាមេរិក", "អឺរ៉ុប", "កាណាដា", "ប្រទេសចិន", "ស្រុកចិន", "ភូមា" }
        .Select(KhmerNormalizer.Normalize)];

    private static readonly string[] KhmerCovered = [.. new[] { "ថៃ", "សៀម", "ម៉ាឡេស៊ី", "កូរ៉េ", "ជប៉ុន", "បាងកក" }.Select(KhmerNormalizer.Normalize)];

    /// <summary>Whether the question names a country the content does not cover, and none of those it does.</summary>
    public static bool NamesElsewhere(string question)
    {
        var normalized = KhmerNormalizer.Normalize(question);
        return (LatinElsewhere().IsMatch(normalized) || KhmerElsewhere.Any(p => normalized.Contains(p, StringComparison.Ordinal)))
            && !LatinCovered().IsMatch(normalized) && !KhmerCovered.Any(p => normalized.Contains(p, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"(?<![a-z])(thailand|thai|siem|malaysia|malay|korea|japan|chobon|bangkok|seoul|tokyo|kuala lumpur)(?![a-z])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex LatinCovered();

    [GeneratedRegex(@"(?<![a-z])(vietnam|viet nam|taiwan|singapore|dubai|uae|emirates|saudi|qatar|kuwait|australia|laos|hong kong|philippines|indonesia|america|usa|europe|canada|new zealand|myanmar|burma)(?![a-z])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex LatinElsewhere();

    [GeneratedRegex(@"(?<![a-z])(thailand|thai|siem|malaysia|malaysian|malay|korea|korean|japan|japanese|chobon|vietnam|vietnamese|china|chinese|bangkok|seoul|tokyo|kuala lumpur)(?![a-z])", RegexOptions.CultureInvariant)]
    private static partial Regex LatinPlace();
}
