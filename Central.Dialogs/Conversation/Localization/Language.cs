using System.Globalization;
using System.Text.Json.Serialization;

namespace Central.Dialogs.Conversation.Localization;

/// <summary>The two languages Central speaks. Khmer first: it is the default when nothing says otherwise.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Language>))]
public enum Language
{
    [JsonStringEnumMemberName("km")] Km,
    [JsonStringEnumMemberName("en")] En,
}

public static class Languages
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

    /// <summary>Khmer letters mean Khmer; Latin letters without any Khmer mean English; digits and emoji say nothing.</summary>
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
        return latin ? Language.En : null;
    }

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
