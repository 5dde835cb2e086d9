using System.Text.RegularExpressions;

namespace Central.Dialogs.Knowledge.Search;

/// <summary>
/// Countries and cities workers name. A question that names one but not work ("what date is Chuseok in Korea", "best
/// time to visit Japan") is seldom about working there, yet the country alone can carry it to the entry about working
/// there. And a country the content has no entry on is one whose law the content does not give.
/// </summary>
public static partial class Places
{
    // Where migrants work, and neighbours.
    private static readonly Names Any = new(["ស្រុកថៃ", "ប្រទេសថៃ", "ស្រុកសៀម", "ថៃ", "ម៉ាឡេស៊ី", "កូរ៉េ", "ជប៉ុន", "វៀតណាម", "ចិន", "បាងកក"], LatinPlace());

    // The destinations the content has entries on.
    private static readonly Names Covered = new(["ថៃ", "សៀម", "ម៉ាឡេស៊ី", "កូរ៉េ", "ជប៉ុន", "បាងកក"], LatinCovered());

    // Other countries Cambodians go to work in or ask about. Country names only: "Chinese" or "Vietnamese" is as often
    // a manager or a company in Cambodia, and អង់គ្លេស or បារាំង alone is the English or French language.
    private static readonly Names Elsewhere = new(["វៀតណាម", "តៃវ៉ាន់", "សិង្ហបុរី", "ឌូបៃ", "អារ៉ាប៊ី", "កាតា", "គុយវ៉ែត", "អូស្ត្រាលី", "ឡាវ", "ហុងកុង", "ហ្វីលីពីន", "ឥណ្ឌូនេស៊ី", "អាមេរិក", "អឺរ៉ុប", "កាណាដា", "ប្រទេសចិន", "ស្រុកចិន", "ភូមា", "សឹង្ហបុរី", "សាអូឌីត", "បង់ក្លាដែស", "ឥណ្ឌា", "អ៊ីស្រាអែល", "ព្រុយណេ", "ម៉ាកាវ", "ម៉ុងហ្គោលី", "រុស្ស៊ី", "ប៉ូឡូញ", "អាល្លឺម៉ង់", "ប្រទេសបារាំង", "ប្រទេសអង់គ្លេស"], LatinElsewhere());

    /// <summary>The question with the places it names taken out, or null when it names none.</summary>
    public static string? Without(string question) => Any.Without(question);

    /// <summary>Whether the question names a country the content does not cover, and none of those it does.</summary>
    public static bool NamesElsewhere(string question) => Elsewhere.AreIn(question) && !Covered.AreIn(question);

    [GeneratedRegex(@"(?<![a-z])(thailand|thai|siem|malaysia|malaysian|malay|korea|korean|japan|japanese|chobon|vietnam|vietnamese|china|chinese|bangkok|seoul|tokyo|kuala lumpur)(?![a-z])", RegexOptions.CultureInvariant)]
    private static partial Regex LatinPlace();

    [GeneratedRegex(@"(?<![a-z])(thailand|thai|siem|malaysia|malay|korea|japan|chobon|bangkok|seoul|tokyo|kuala lumpur)(?![a-z])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex LatinCovered();

    [GeneratedRegex(@"(?<![a-z])(vietnam|viet nam|taiwan|singapore|dubai|uae|emirates|saudi|qatar|kuwait|australia|laos|hong kong|philippines|indonesia|america|usa|europe|canada|new zealand|myanmar|burma|bangladesh|india|israel|brunei|macau|macao|mongolia|russia|poland|germany|france|england|britain)(?![a-z])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex LatinElsewhere();
}
