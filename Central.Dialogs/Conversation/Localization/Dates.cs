using System.Globalization;

namespace Central.Dialogs.Conversation.Localization;

/// <summary>Dates as a worker reads them: "1 December 2026", or "១ ធ្នូ ២០២៦" with Khmer month names and digits.</summary>
public static class Dates
{
    public static string Format(DateOnly date, Language language) => language == Language.Km
        ? KhmerDigits.FromAscii(date.ToString("d MMMM yyyy", Language.Km.Culture()))
        : date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A date as a <see cref="Text"/> that renders in either language.</summary>
    public static Text Text(DateTimeOffset at) =>
        Localization.Text.Bilingual(Format(DateOnly.FromDateTime(at.UtcDateTime), Language.Km), Format(DateOnly.FromDateTime(at.UtcDateTime), Language.En));
}
