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
}
