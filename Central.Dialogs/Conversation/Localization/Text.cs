using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;
using System.Runtime.CompilerServices;

namespace Central.Dialogs.Conversation.Localization;

/// <summary>
/// Something the bot says, kept as a reference until it is rendered in the worker's language: a key in a string
/// table (with arguments), or text that already exists in both languages (knowledge content), or a verbatim value
/// (a case number). References, not strings, are stored in dialog state, so a language switch mid-dialog re-renders.
/// </summary>
public sealed record Text
{
    public string? Table { get; init; }
    public string? Key { get; init; }
    public string? Km { get; init; }
    public string? En { get; init; }
    public IReadOnlyList<Text>? Args { get; init; }

    public static Text Verbatim(string value) => new() { Km = value, En = value };

    public static Text Bilingual(string km, string en) => new() { Km = km, En = en };

    public string Render(Language language)
    {
        if (Key is null)
        {
            return (language == Language.Km ? Km : En) ?? Km ?? En ?? "";
        }
        var culture = language.Culture();
        var format = TextTable.Lookup(Table!, Key, culture);
        return Args is { Count: > 0 } args
            ? string.Format(culture, format, [.. args.Select(a => (object)a.Render(language))])
            : format;
    }

    public override string ToString() => Key ?? En ?? Km ?? "";
}

/// <summary>
/// A string table: <c>X.resx</c> (English) and <c>X.km.resx</c> (Khmer) beside a static class <c>X</c> whose
/// properties name the keys: <c>public static Text AskEmployer => Table.Get();</c>.
/// </summary>
public sealed class TextTable(Type owner)
{
    private static readonly ConcurrentDictionary<string, ResourceManager> Managers = new(StringComparer.Ordinal);

    public string Name { get; } = owner.FullName!;

    public Text Get([CallerMemberName] string key = "") => new() { Table = Name, Key = key };

    public Text Get(string key, params Text[] args) => new() { Table = Name, Key = key, Args = args };

    public ResourceManager Resources => Manager(Name);

    internal static string Lookup(string table, string key, CultureInfo culture) =>
        Manager(table).GetString(key, culture)
        ?? throw new MissingManifestResourceException($"The string table {table} has no '{key}'. Add it to both .resx files.");

    private static ResourceManager Manager(string table) =>
        Managers.GetOrAdd(table, name => new ResourceManager(name, typeof(TextTable).Assembly));
}

/// <summary>Khmer digits (០–៩) as workers type them, read as ASCII digits.</summary>
public static class KhmerDigits
{
    public static string ToAscii(string text)
    {
        if (!text.Any(c => c is >= '\u17E0' and <= '\u17E9'))
        {
            return text;
        }
        return string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= '\u17E0' and <= '\u17E9' ? (char)('0' + (c - '\u17E0')) : c;
            }
        });
    }

    public static string FromAscii(string text) => string.Create(text.Length, text, (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = c is >= '0' and <= '9' ? (char)('\u17E0' + (c - '0')) : c;
        }
    });

    public static string Number(long value, Language language) =>
        language == Language.Km ? FromAscii(value.ToString(CultureInfo.InvariantCulture)) : value.ToString(CultureInfo.InvariantCulture);
}
