using System.Globalization;
using System.Text.RegularExpressions;
using System.Text.Json.Serialization;

namespace Central.Dialogs.Conversation.Localization;

/// <summary>The two languages Central speaks. Khmer first: it is the default when nothing says otherwise.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Language>))]
public enum Language
{
    [JsonStringEnumMemberName("km")] Km,
    [JsonStringEnumMemberName("en")] En,
}

public static partial class Languages
{
    private static readonly CultureInfo Khmer = CultureInfo.GetCultureInfo("km-KH");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static CultureInfo Culture(this Language language) => language == Language.Km ? Khmer : English;

    public static string Code(this Language language) => language == Language.Km ? "km" : "en";

    public static Language? FromCode(string? code) => code?.ToLowerInvariant() switch
    {
        "km" or "km-kh" or "km_kh" => Language.Km,
        "en" or "en-us" or "en_us" or "en-gb" => Language.En,
        _ => null,
    };

    /// <summary>
    /// Khmer letters mean Khmer; Latin letters mean English, unless they read as Khmer typed in Latin letters ("luy khae
    /// ot ban", from a phone without a Khmer keyboard): its writer reads Khmer. Digits and emoji say nothing.
    /// </summary>
    public static Language? Detect(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var latin = false;
        foreach (var c in text)
        {
            if (c is >= '\u1780' and <= '\u17FF' or >= '\u19E0' and <= '\u19FF')
            {
                return Language.Km;
            }
            latin |= c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';
        }
        if (!latin)
        {
            return null;
        }
        int romanized = 0, english = 0;
        foreach (var word in LatinWord().EnumerateMatches(text))
        {
            var w = text.Substring(word.Index, word.Length).ToLowerInvariant();
            romanized += RomanizedKhmerWords.Contains(w) ? 1 : 0;
            english += EnglishWords.Contains(w) ? 1 : 0;
        }
        return romanized > english ? Language.Km : Language.En;
    }

    // Everyday words of Khmer as workers spell it in Latin letters, hardly ever written in an English sentence.
    private static readonly HashSet<string> RomanizedKhmerWords = new(StringComparer.Ordinal)
    {
        "khnhom", "knhom", "knyom", "khnom", "nhom", "ponman", "ponmann", "pponman", "chnam", "luy", "lui", "prak", "brak",
        "khae", "khe", "kae", "thaokae", "thaokea", "thaukae", "bong", "avei", "avey", "ey", "ot", "ort", "chong",
        "sour", "suor", "tver", "thveu", "thvoe", "tveu", "jea", "chea", "del", "dae", "nov", "tov", "mok", "hz", "hx", "nis",
        "nih", "pel", "thngai", "tngai", "kamkor", "kammakor", "rongchakr", "rongchak", "samrak", "somrak", "chhup", "chhop",
        "knong", "khnong", "yangmech", "mech", "mec", "trov", "trev", "sdey", "daoy", "baek", "bek", "pek", "mun", "oy", "aoy",
        "ban", "te", "tae", "ning", "kom", "jol", "chol", "chenh", "kar", "kor", "reng", "khlaing", "cheang", "leng",
    };

    private static readonly HashSet<string> EnglishWords = new(StringComparer.Ordinal)
    {
        "the", "is", "are", "am", "was", "my", "i", "me", "you", "your", "what", "how", "when", "where", "why", "who", "do",
        "does", "did", "to", "a", "an", "for", "of", "in", "on", "at", "can", "will", "not", "have", "has", "it", "this",
        "that", "and", "or", "with", "about", "please", "hello", "hi", "get", "pay", "paid", "boss", "work", "wage", "salary",
    };

    [GeneratedRegex("[A-Za-z']+")]
    private static partial Regex LatinWord();

    /// <summary>
    /// Written mostly in another script (Thai, Lao, Burmese, Chinese, Japanese, Korean, Vietnamese letters …), with no
    /// Khmer in it. Latin-script languages such as Malay cannot be told from romanized Khmer, so they are not caught.
    /// </summary>
    public static bool IsOtherLanguage(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        int letters = 0, other = 0, vietnamese = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }
            letters++;
            if (c is >= '\u1780' and <= '\u17FF' or >= '\u19E0' and <= '\u19FF')
            {
                return false;
            }
            if (c is '\u0102' or '\u0103' or '\u0110' or '\u0111' or '\u01A0' or '\u01A1' or '\u01AF' or '\u01B0' or >= '\u1EA0' and <= '\u1EF9')
            {
                // Letters only Vietnamese uses: never in English or romanized Khmer.
                vietnamese++;
            }
            else if (c > '\u024F')
            {
                other++;
            }
        }
        return vietnamese >= 2 || (letters > 0 && other * 2 >= letters);
    }
}
