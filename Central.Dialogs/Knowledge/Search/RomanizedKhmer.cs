using System.Reflection;
using System.Text;

namespace Central.Dialogs.Knowledge.Search;

/// <summary>
/// Reads romanized Khmer back into Khmer script ("thao kae ot bek luy khae" → ថៅកែ អត់ បើក លុយ ខែ), so a question
/// typed in Latin letters meets the content's Khmer questions too. Romanized Khmer has no one spelling; the lexicon
/// (romanized-khmer.tsv: a Khmer word, then the ways workers spell it) lists the common ones, longest phrase first.
/// Words it does not know stay as they were: English words, names, spellings nobody listed.
/// </summary>
public sealed class RomanizedKhmer
{
    private const int LongestPhrase = 3;
    private const int ShortestNear = 4;
    private readonly Dictionary<string, string> _khmer;
    // Each one-word spelling under every way of dropping one of its letters: a spelling nobody listed is read as the
    // listed one a letter away ("atitaphep" as "atitaphap"), when every spelling that near is the same Khmer word.
    private readonly Dictionary<string, HashSet<string>> _nearby = new(StringComparer.Ordinal);

    public RomanizedKhmer(IEnumerable<(string Khmer, IEnumerable<string> Spellings)> lexicon)
    {
        _khmer = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (khmer, spellings) in lexicon)
        {
            foreach (var spelling in spellings)
            {
                // The first Khmer word listed for a spelling wins; the lexicon lists the worker's sense first.
                _khmer.TryAdd(Key(Words(spelling)), khmer);
            }
        }
        foreach (var (spelling, khmer) in _khmer)
        {
            if (spelling.Length >= ShortestNear && !spelling.Contains(' '))
            {
                foreach (var key in Deletions(spelling).Append(spelling))
                {
                    (_nearby.TryGetValue(key, out var words) ? words : _nearby[key] = []).Add(khmer);
                }
            }
        }
    }

    /// <summary>The Khmer word of the listed spellings one letter away from <paramref name="word"/>, if they agree.</summary>
    private string? Near(string word)
    {
        if (word.Length < ShortestNear)
        {
            return null;
        }
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in Deletions(word).Append(word))
        {
            if (_nearby.TryGetValue(key, out var words))
            {
                found.UnionWith(words);
            }
        }
        return found.Count == 1 ? found.First() : null;
    }

    private static IEnumerable<string> Deletions(string word) => Enumerable.Range(0, word.Length).Select(i => word.Remove(i, 1));

    public int Spellings => _khmer.Count;

    /// <summary>The lexicon that ships with the service.</summary>
    public static RomanizedKhmer Default { get; } = Load();

    /// <summary>
    /// The text with every romanized word or phrase the lexicon knows written in Khmer (longest match first), the rest
    /// as it was; null when nothing was known.
    /// </summary>
    public string? ToKhmer(string text)
    {
        var tokens = Tokens(text);
        var output = new StringBuilder();
        var known = 0;
        for (var i = 0; i < tokens.Count;)
        {
            var (word, isLatin) = tokens[i];
            var matched = 0;
            if (isLatin)
            {
                for (var length = Math.Min(LongestPhrase, tokens.Count - i); length >= 1 && matched == 0; length--)
                {
                    var phrase = tokens.GetRange(i, length);
                    if (phrase.All(t => t.IsLatin) && _khmer.TryGetValue(Key(phrase.Select(t => t.Word)), out var khmer))
                    {
                        output.Append(khmer).Append(' ');
                        matched = length;
                    }
                }
                if (matched == 0 && Near(word) is { } near)
                {
                    output.Append(near).Append(' ');
                    matched = 1;
                }
            }
            if (matched > 0)
            {
                known++;
                i += matched;
                continue;
            }
            output.Append(word).Append(' ');
            i++;
        }
        return known == 0 ? null : output.ToString().TrimEnd();
    }

    private static string Key(IEnumerable<string> words) => string.Join(' ', words);

    private static IEnumerable<string> Words(string spelling) => Tokens(spelling).Select(t => t.Word);

    /// <summary>Latin words (lower case) and everything else (Khmer, digits, punctuation) as it stands.</summary>
    private static List<(string Word, bool IsLatin)> Tokens(string text)
    {
        var tokens = new List<(string, bool)>();
        var current = new StringBuilder();
        bool? latin = null;
        foreach (var c in text)
        {
            var isLatin = char.IsAsciiLetter(c);
            if (char.IsWhiteSpace(c) || (latin is { } l && l != isLatin) || (!isLatin && !char.IsLetterOrDigit(c) && !IsKhmer(c)))
            {
                Flush();
            }
            if (!char.IsWhiteSpace(c))
            {
                current.Append(c);
                latin = isLatin;
            }
        }
        Flush();
        return tokens;

        void Flush()
        {
            if (current.Length > 0)
            {
                var word = current.ToString();
                // Capitals are an abbreviation, not Khmer: "OT" is overtime where "ot" is អត់ (not); "NSSF" stays NSSF.
                tokens.Add(latin == true && word.Length > 1 && word.All(char.IsAsciiLetterUpper) ? (word, false) : (word.ToLowerInvariant(), latin == true));
            }
            current.Clear();
            latin = null;
        }
    }

    // Khmer vowel signs and other marks are not letters to .NET, but they belong to the word they are written in.
    private static bool IsKhmer(char c) => c is >= '\u1780' and <= '\u17FF';

    private static RomanizedKhmer Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Central.Dialogs.Knowledge.Search.romanized-khmer.tsv")
            ?? throw new InvalidOperationException("The romanized Khmer lexicon is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return new RomanizedKhmer(Parse(reader.ReadToEnd()));
    }

    /// <summary>Lines of "Khmer TAB spelling | spelling | …"; blank lines and lines starting with # are skipped.</summary>
    public static IEnumerable<(string Khmer, IEnumerable<string> Spellings)> Parse(string tsv) =>
        tsv.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t', 2))
            .Where(parts => parts.Length == 2)
            .Select(parts => (KhmerNormalizer.Normalize(parts[0].Trim()), (IEnumerable<string>)parts[1].Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)));
}
