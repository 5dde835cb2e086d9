using System.Globalization;
using System.Text;

namespace Central.Dialogs.Conversation.Localization;

/// <summary>
/// Cutting and splitting text for channels with length limits without breaking Khmer. .NET's text elements follow
/// Unicode's grapheme rules, which end a cluster after the coeng sign (U+17D2); a Khmer reader sees the coeng and
/// the consonant under it as one unit, so a cut there would leave a broken subscript. These keep them together.
/// </summary>
public static class KhmerText
{
    private const char Coeng = '\u17D2';

    /// <summary>The longest prefix of at most <paramref name="maxLength"/> UTF-16 units that ends on a cluster boundary.</summary>
    public static string Cut(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }
        var end = 0;
        foreach (var boundary in Boundaries(text))
        {
            if (boundary > maxLength)
            {
                break;
            }
            end = boundary;
        }
        return text[..end];
    }

    /// <summary>
    /// Splits text into parts of at most <paramref name="maxLength"/>, preferring sentence ends (។ ៕ . ! ? and line
    /// breaks), then spaces (Khmer puts spaces between phrases), then any cluster boundary.
    /// </summary>
    public static IReadOnlyList<string> Split(string text, int maxLength)
    {
        var parts = new List<string>();
        var rest = text.Trim();
        while (rest.Length > maxLength)
        {
            var window = Cut(rest, maxLength);
            var at = LastBreak(window, sentence: true) ?? LastBreak(window, sentence: false) ?? window.Length;
            parts.Add(rest[..at].TrimEnd());
            rest = rest[at..].TrimStart();
        }
        if (rest.Length > 0)
        {
            parts.Add(rest);
        }
        return parts;
    }

    /// <summary>Cluster boundaries (end offsets), never right after a coeng.</summary>
    private static IEnumerable<int> Boundaries(string text)
    {
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var end = elements.ElementIndex + ((string)elements.Current).Length;
            if (end < text.Length && text[end - 1] == Coeng)
            {
                continue;
            }
            yield return end;
        }
    }

    private static int? LastBreak(string window, bool sentence)
    {
        // Only break in the second half, so a part is never tiny.
        for (var i = window.Length - 1; i >= window.Length / 2; i--)
        {
            var c = window[i];
            if (sentence ? c is '។' or '៕' or '.' or '!' or '?' or '\n' : c == ' ')
            {
                return i + 1;
            }
        }
        return null;
    }

    /// <summary>Removes characters that must never reach a channel (control characters other than line breaks and tabs).</summary>
    public static string Clean(string text)
    {
        if (!text.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Where(c => !char.IsControl(c) || c is '\n' or '\t'))
        {
            builder.Append(c);
        }
        return builder.ToString();
    }
}
