using System.Text;
using Central.Dialogs.Conversation.Localization;

namespace Central.Dialogs.Knowledge.Search;

/// <summary>
/// Puts what workers type and what the content says into one spelling before search compares them: NFC, no
/// zero-width characters, ASCII digits, lower case, Khmer marks in one order inside each syllable (so ុំ and ំុ,
/// or a coeng ro typed before another subscript, compare equal), and the common variant and old spellings.
/// </summary>
public static class KhmerNormalizer
{
    public const char Coeng = '\u17D2';
    private const char Ro = '\u179A';

    // Old and variant spellings → the spelling the content uses. Applied after the marks are put in order.
    // Each is a whole written form, long enough not to occur inside an unrelated word.
    private static readonly (string From, string To)[] Variants =
    [
        ("\u17D2\u178A", "\u17D2\u178F"),   // coeng da → coeng ta: ស្ដី = ស្តី, ម្ដង = ម្តង
        ("\u17C1\u17B6", "\u17C4"),         // េ + ា typed for ោ
        ("\u17C1\u17B8", "\u17BE"),         // េ + ី typed for ើ
        ("ំរ", "ម្រ"),                      // old spelling: សំរាក = សម្រាក, សំរាប់ = សម្រាប់
        ("អោយ", "ឲ្យ"),
        ("ឱ្យ", "ឲ្យ"),
        ("ប្រាក់ខេ", "ប្រាក់ខែ"),
        ("លុយខេ", "លុយខែ"),
        ("ថៅកេ", "ថៅកែ"),
        ("ប៉ូលីស", "ប៉ូលិស"),
        ("ប៉ុន្នមាន", "ប៉ុន្មាន"),
        ("ប៉ុនមាន", "ប៉ុន្មាន"),
        ("ប៉ុណ្មាន", "ប៉ុន្មាន"),
        ("បុន្មាន", "ប៉ុន្មាន"),
        ("ប៉ុន្មាណ", "ប៉ុន្មាន"),
        ("ផ្ទៃពោស", "ផ្ទៃពោះ"),
        ("ពពោស", "ពពោះ"),
        ("ប៉ាស្ប៉័រ", "ប៉ាស្ព័រ"),
        ("ប៉ាស្ពរ", "ប៉ាស្ព័រ"),
        ("ប៉ាសព័រ", "ប៉ាស្ព័រ"),
        ("អតិតភាព", "អតីតភាព"),
        ("សហជីវ", "សហជីព"),
        ("កូដកមម", "កូដកម្ម"),
        ("ម៉ោងថែម", "ម៉ោងបន្ថែម"),
        ("ថែមម៉ោង", "ម៉ោងបន្ថែម"),
        ("ប.ស.ស", " nssf "),
        ("ប ស ស", " nssf "),
        ("បសស", " nssf "),
    ];

    /// <summary>The normalized text: still readable, with spaces and punctuation where they were.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var builder = new StringBuilder(text.Length);
        foreach (var c in KhmerDigits.ToAscii(text.Normalize(NormalizationForm.FormC)))
        {
            if (c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD' or '\u17B4' or '\u17B5')
            {
                continue;
            }
            builder.Append(char.ToLowerInvariant(c));
        }
        OrderMarks(builder);
        var normalized = builder.ToString();
        foreach (var (from, to) in Variants)
        {
            normalized = normalized.Replace(from, to, StringComparison.Ordinal);
        }
        return normalized;
    }

    public static bool IsKhmerLetter(char c) => c is >= '\u1780' and <= '\u17D3' or '\u17DD';

    /// <summary>A vowel, sign or subscript mark: it belongs to the letter before it.</summary>
    public static bool IsDependent(char c) => c is >= '\u17B6' and <= '\u17D3' or '\u17DD';

    /// <summary>
    /// Sorts the dependent marks after each base letter into one order: subscripts (coeng + consonant, coeng ro last),
    /// register shifters, robat, vowels, then the other signs. Repeated marks typed twice are kept once.
    /// </summary>
    private static void OrderMarks(StringBuilder text)
    {
        var i = 0;
        var marks = new List<(int Rank, string Mark)>(8);
        while (i < text.Length)
        {
            if (!IsBase(text[i]))
            {
                i++;
                continue;
            }
            var start = i + 1;
            var end = start;
            marks.Clear();
            while (end < text.Length)
            {
                var c = text[end];
                if (c == Coeng && end + 1 < text.Length && IsConsonant(text[end + 1]))
                {
                    marks.Add((text[end + 1] == Ro ? 1 : 0, text.ToString(end, 2)));
                    end += 2;
                }
                else if (Rank(c) is { } rank)
                {
                    marks.Add((rank, c.ToString()));
                    end++;
                }
                else
                {
                    break;
                }
            }
            if (marks.Count > 1)
            {
                var ordered = string.Concat(marks.Select((m, n) => (m, n)).OrderBy(x => x.m.Rank).ThenBy(x => x.n)
                    .Select(x => x.m.Mark).Distinct());
                text.Remove(start, end - start).Insert(start, ordered);
                end = start + ordered.Length;
            }
            i = end;
        }
    }

    private static bool IsBase(char c) => c is >= '\u1780' and <= '\u17B3';

    private static bool IsConsonant(char c) => c is >= '\u1780' and <= '\u17A2';

    private static int? Rank(char c) => c switch
    {
        '\u17C9' or '\u17CA' => 2,          // register shifters ៉ ៊
        '\u17CC' => 3,                       // robat
        >= '\u17B6' and <= '\u17C5' => 4,    // vowels
        '\u17C6' => 5,                       // nikahit ំ
        '\u17C7' or '\u17C8' => 6,           // reahmuk ះ, yuukaleapintu
        '\u17CB' or (>= '\u17CD' and <= '\u17D1') or '\u17D3' or '\u17DD' => 7,
        _ => null,
    };
}
