using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ICU4N.Text;

namespace Central.Dialogs.Knowledge.Search;

/// <summary>How Khmer runs become search terms: dictionary words (ICU), character n-grams, or both.</summary>
public enum Segmentation { Words, Ngrams, WordsAndNgrams }

public sealed record AnalyzerOptions
{
    public Segmentation Segmentation { get; init; } = Segmentation.Ngrams;

    /// <summary>Length of the Khmer character n-grams, in code points.</summary>
    public int NgramLength { get; init; } = 2;

    public bool Concepts { get; init; } = true;

    /// <summary>Whether Khmer n-grams also cover the particles and pronouns that the word view leaves out (measured: leaving them out ranks a little better but lets more out-of-scope questions through).</summary>
    public bool NgramStopWords { get; init; } = true;

    /// <summary>Character 3-grams of Latin words too, for romanized Khmer, which has no one spelling.</summary>
    public bool LatinNgrams { get; init; }

    /// <summary>
    /// Consonant skeletons of romanized Khmer words: it is spelt a dozen ways ("thvoer", "tver", "tvoer";
    /// "atitaphiep", "atitepheap") but its consonants mostly agree. Only for text that
    /// is romanized Khmer (the content's romanized variants; a question whose Latin words are mostly not English).
    /// </summary>
    public bool Skeletons { get; init; } = true;

    public static AnalyzerOptions Default { get; } = new();
}

/// <summary>
/// Turns a question into search terms. Text is normalized (<see cref="KhmerNormalizer"/>), cut into runs of Khmer
/// letters, Latin letters and digits (ICU keeps "ឆ្នាំ២០២៦ប៉ុន្មាន" or "wageឆ្នាំ" whole otherwise), Khmer runs are
/// segmented into dictionary words with ICU's Khmer word break and/or cut into character n-grams, English words are
/// lower-cased and lightly stemmed, and each synonym phrase found adds its concept (<see cref="Synonyms"/>).
/// Terms carry a prefix: w: word, g: n-gram, n: number, c: concept.
/// </summary>
public sealed partial class TextAnalyzer
{
    private static readonly ThreadLocal<BreakIterator> Words = new(() => BreakIterator.GetWordInstance(CultureInfo.GetCultureInfo("km")));

    // Particles and pronouns that say nothing about which right is asked about.
    private static readonly HashSet<string> KhmerStopWords = new(new[]
    {
        "តើ", "ខ្ញុំ", "អ្នក", "បង", "បងៗ", "ប្អូន", "ដែរ", "ទេ", "ឬ", "ឬទេ", "មែន", "មែនទេ", "នេះ", "នោះ", "ហើយ", "ដែល", "និង", "ជា",
        "នៅ", "ក្នុង", "របស់", "ពី", "ទៅ", "មក", "គេ", "គាត់", "យើង", "ណា", "អ្វី", "អី", "យ៉ាង", "ម៉េច", "យ៉ាងម៉េច", "ដូចម្តេច", "ផង",
        "សូម", "ចង់", "ដឹង", "សួរ", "ទៀត", "ខ្លះ", "អត់", "ឬអត់", "ទាំង", "ព្រោះ", "ដោយ", "ចំពោះ", "អំពី", "ពេល", "បើ", "ប្រសិនបើ",
        "ថា", "នឹង", "ក៏", "តែ", "ចាស", "បាទ", "អរគុណ", "ផ្ទាល់", "ឲ្យ", "ដល់", "ទើប", "មិន", "ឯ", "ម្នាក់", "ខាង", "ពួក", "មួយ", "ត្រូវ",
        "បាន", "មាន", "ធ្វើ", "ការ", "យ៉ាងដូចម្តេច", "ម្តេច", "ហ្នឹង", "នុះ", "អញ្ចឹង", "ដូច្នេះ", "ច្រើន", "គួរ", "អាច",
    }.Select(KhmerNormalizer.Normalize), StringComparer.Ordinal);

    private static readonly HashSet<string> LatinStopWords = new(
    [
        "a", "an", "the", "is", "are", "am", "was", "were", "be", "been", "do", "does", "did", "i", "me", "my", "mine", "you", "your",
        "we", "our", "it", "its", "of", "to", "in", "on", "at", "for", "and", "or", "with", "what", "how", "when", "where", "who",
        "which", "why", "can", "could", "should", "would", "will", "there", "this", "that", "these", "those", "if", "so", "have",
        "has", "had", "about", "any", "much", "many", "please", "tell", "know", "want", "just", "still", "now", "get", "got", "they",
        "them", "he", "she", "her", "him", "his", "us", "from", "by", "as", "but", "all", "some", "than", "then", "too", "very",
        "hi", "hello", "bong", "te", "dae", "der", "nis", "ke", "chea", "jea", "nov", "ning", "men", "khnhom", "knhom", "kgnom",
        "knyom", "khnom", "ey", "avey", "yang", "mdech", "mech", "na", "ban", "mean", "tver", "tvoer", "thvoer", "ort", "ponman",
        "true", "really", "also", "today", "im", "ive", "thanks", "thank",
        // Khmer particles of the list above, as they are romanized.
        "ter", "tae", "rue", "reu", "nih", "nuh", "noh", "hai", "haey", "heuy", "del", "dael", "nung", "nau", "knong", "robos",
        "keat", "yeung", "phong", "suor", "tiet", "teat", "klah", "khlah", "pros", "prous", "doy", "tha", "kor", "chas", "bat",
        "orkun", "dol", "dermbei", "dambey", "dombey",
    ], StringComparer.Ordinal);

    private readonly AnalyzerOptions _options;
    private readonly List<(string Concept, string Khmer)> _khmerPhrases = [];
    private readonly List<(string Concept, string[] Latin)> _latinPhrases = [];

    public TextAnalyzer(AnalyzerOptions? options = null)
    {
        _options = options ?? AnalyzerOptions.Default;
        foreach (var (concept, phrases) in Synonyms.Groups)
        {
            foreach (var phrase in phrases)
            {
                var normalized = KhmerNormalizer.Normalize(phrase);
                if (normalized.Any(KhmerNormalizer.IsKhmerLetter))
                {
                    _khmerPhrases.Add((concept, string.Concat(normalized.Where(KhmerNormalizer.IsKhmerLetter))));
                }
                else
                {
                    var latin = LatinWords(normalized).ToArray();
                    if (latin.Length > 0)
                    {
                        _latinPhrases.Add((concept, latin));
                    }
                }
            }
        }
    }

    public AnalyzerOptions Options => _options;

    public List<string> Terms(string? text) => Terms(text, romanized: false);

    /// <summary>
    /// The terms; for <paramref name="romanized"/> Khmer, also the consonant skeletons, and "ot" read as អត់ (not).
    /// </summary>
    public List<string> Terms(string? text, bool romanized)
    {
        var terms = new List<string>();
        var normalized = KhmerNormalizer.Normalize(ExpandContractions(ExpandOvertime(text)));
        var khmer = new StringBuilder();
        var latin = new List<string>();
        var skeletons = new List<string>();
        foreach (var (kind, run) in Runs(normalized))
        {
            switch (kind)
            {
                case RunKind.Khmer:
                    khmer.Append(run);
                    var needWords = _options.Segmentation != Segmentation.Ngrams || !_options.NgramStopWords;
                    var words = needWords ? Segment(run).Where(w => !KhmerStopWords.Contains(w)).ToList() : [];
                    if (_options.Segmentation != Segmentation.Ngrams)
                    {
                        terms.AddRange(words.Select(w => "w:" + w));
                    }
                    if (_options.Segmentation != Segmentation.Words)
                    {
                        // With NgramStopWords off, n-grams of what is left once the particles are out ("តើ", "ខ្ញុំ", "ទេ").
                        AddNgrams(_options.NgramStopWords ? run : string.Concat(words), terms);
                    }
                    break;
                case RunKind.Latin:
                    if (romanized && run == "ot")
                    {
                        // In romanized Khmer a lower-case "ot" is អត់ (not); overtime is written "OT", expanded above.
                        latin.Add("not");
                        break;
                    }
                    var stem = Stem(run);
                    latin.Add(stem);
                    if (!LatinStopWords.Contains(run))
                    {
                        var skeleton = new StringBuilder();
                        AppendSkeleton(run, skeleton);
                        skeletons.Add(skeleton.ToString());
                        terms.Add("w:" + stem);
                        if (_options.LatinNgrams && run.Length >= 4)
                        {
                            var padded = "#" + run + "#";
                            for (var i = 0; i + 3 <= padded.Length; i++)
                            {
                                terms.Add("l:" + padded.Substring(i, 3));
                            }
                        }
                    }
                    break;
                case RunKind.Digits:
                    latin.Add(run);
                    terms.Add("n:" + (run.TrimStart('0') is { Length: > 0 } n ? n : "0"));
                    break;
            }
        }
        if (romanized && _options.Skeletons)
        {
            terms.AddRange(skeletons.Where(k => k.Length >= 2).Select(k => "r:" + k));
        }
        if (_options.Concepts)
        {
            var concepts = new HashSet<string>(StringComparer.Ordinal);
            var joined = khmer.ToString();
            foreach (var (concept, phrase) in _khmerPhrases)
            {
                if (ContainsWhole(joined, phrase))
                {
                    concepts.Add(concept);
                }
            }
            foreach (var (concept, phrase) in _latinPhrases)
            {
                if (ContainsSequence(latin, phrase))
                {
                    concepts.Add(concept);
                }
            }
            terms.AddRange(concepts.Select(c => "c:" + c));
        }
        return terms;
    }

    /// <summary>"OT" in capitals is overtime in any language; only then is it told apart from romanized "ot" (អត់, not).</summary>
    private static string ExpandOvertime(string? text) => text is null ? "" : CapitalOT().Replace(text, " overtime ");

    [GeneratedRegex("(?<![A-Za-z])OT(?![A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex CapitalOT();

    /// <summary>"hasn't", "hasnt" and "has not" are one phrase, so "not paid" meets all three (phones drop the apostrophe).</summary>
    private static string ExpandContractions(string text) =>
        Negation().Replace(text, m => m.Groups[1].Value.ToLowerInvariant() switch
        {
            "ca" => "can not",
            "wo" => "will not",
            var verb => verb + " not",
        });

    [GeneratedRegex(@"(?<![A-Za-z])(do|does|did|has|have|had|is|are|was|were|could|should|would|ca|wo)n['’]?t(?![A-Za-z])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Negation();

    /// <summary>Whether Latin-letter text is romanized Khmer rather than English: most of its words are not English words the content uses.</summary>
    public static bool LooksRomanized(string? text, IReadOnlySet<string> englishWords)
    {
        var words = Runs(KhmerNormalizer.Normalize(ExpandOvertime(text))).Where(r => r.Kind == RunKind.Latin).Select(r => r.Run).ToList();
        if (words.Count == 0)
        {
            return false;
        }
        var english = words.Count(w => englishWords.Contains(Stem(w)));
        return english * 2 < words.Count;
    }

    /// <summary>The stems of the Latin words of a text (to learn the content's English vocabulary).</summary>
    public static IEnumerable<string> LatinStems(string? text) =>
        Runs(KhmerNormalizer.Normalize(ExpandOvertime(text))).Where(r => r.Kind == RunKind.Latin).Select(r => Stem(r.Run));

    /// <summary>ICU's dictionary word break over one run of Khmer letters.</summary>
    public static List<string> Segment(string khmerRun)
    {
        var words = new List<string>();
        var breaker = Words.Value!;
        breaker.SetText(khmerRun);
        var start = breaker.First();
        for (var end = breaker.Next(); end != BreakIterator.Done; start = end, end = breaker.Next())
        {
            if (end > start)
            {
                words.Add(khmerRun[start..end]);
            }
        }
        return words;
    }

    private void AddNgrams(string run, List<string> terms)
    {
        var n = _options.NgramLength;
        if (run.Length == 0)
        {
            return;
        }
        if (run.Length <= n)
        {
            terms.Add("g:" + run);
            return;
        }
        for (var i = 0; i + n <= run.Length; i++)
        {
            terms.Add("g:" + run.Substring(i, n));
        }
    }

    private enum RunKind { Khmer, Latin, Digits }

    private static IEnumerable<(RunKind Kind, string Run)> Runs(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            RunKind? kind = Kind(text[i]);
            if (kind is null)
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && Kind(text[i]) == kind)
            {
                i++;
            }
            yield return (kind.Value, text[start..i]);
        }
    }

    private static RunKind? Kind(char c) =>
        KhmerNormalizer.IsKhmerLetter(c) ? RunKind.Khmer
        : c is >= 'a' and <= 'z' ? RunKind.Latin
        : char.IsAsciiDigit(c) ? RunKind.Digits
        : null;

    private static IEnumerable<string> LatinWords(string normalized) =>
        Runs(normalized).Where(r => r.Kind is RunKind.Latin or RunKind.Digits).Select(r => r.Kind == RunKind.Latin ? Stem(r.Run) : r.Run);

    /// <summary>
    /// Whether the Khmer text holds the phrase as whole written syllables: "កាត" (card) is not in "កាត់" (cut), whose
    /// last letter carries a sign, and "ការ" is not the subscript "្ការ" of another letter's cluster.
    /// </summary>
    private static bool ContainsWhole(string text, string phrase)
    {
        for (var at = text.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.Ordinal))
        {
            var end = at + phrase.Length;
            var cutsBefore = at > 0 && text[at - 1] == KhmerNormalizer.Coeng;
            var cutsAfter = end < text.Length && KhmerNormalizer.IsDependent(text[end]);
            if (!cutsBefore && !cutsAfter)
            {
                return true;
            }
        }
        return false;
    }

    private static bool ContainsSequence(List<string> words, string[] phrase)
    {
        for (var i = 0; i + phrase.Length <= words.Count; i++)
        {
            var j = 0;
            while (j < phrase.Length && words[i + j] == phrase[j])
            {
                j++;
            }
            if (j == phrase.Length)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The consonant skeleton of one romanized word (see <see cref="AppendSkeleton"/>).</summary>
    public static string Skeleton(string word)
    {
        var skeleton = new StringBuilder(word.Length);
        AppendSkeleton(word, skeleton);
        return skeleton.ToString();
    }

    /// <summary>
    /// Consonants only, with the letters romanizations swap (b/p, d/t, g/k, v/w, j/ch/c) made one and h dropped:
    /// "thvoer" and "tver" both give "tvr".
    /// </summary>
    private static void AppendSkeleton(string word, StringBuilder skeleton)
    {
        foreach (var c in word)
        {
            var k = c switch
            {
                'a' or 'e' or 'i' or 'o' or 'u' or 'h' or 'y' => '\0',
                'b' => 'p',
                'd' => 't',
                'g' => 'k',
                'q' => 'k',
                'v' => 'w',
                'j' => 'c',
                'z' or 'x' => 's',
                _ => c,
            };
            if (k != '\0' && (skeleton.Length == 0 || skeleton[^1] != k))
            {
                skeleton.Append(k);
            }
        }
    }

    /// <summary>A light English stemmer: plurals, -ing, -ed, a final e and a doubled last letter.</summary>
    public static string Stem(string word)
    {
        if (word.Length <= 3)
        {
            return word;
        }
        var w = word;
        if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4)
        {
            w = w[..^3] + "y";
        }
        else if (w.EndsWith("sses", StringComparison.Ordinal))
        {
            w = w[..^2];
        }
        else if (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal) && !w.EndsWith("is", StringComparison.Ordinal))
        {
            w = w[..^1];
        }
        if (w.EndsWith("ing", StringComparison.Ordinal) && w.Length > 5)
        {
            w = w[..^3];
        }
        else if (w.EndsWith("ed", StringComparison.Ordinal) && w.Length > 4)
        {
            w = w[..^2];
        }
        if (w.EndsWith('e') && w.Length > 3)
        {
            w = w[..^1];
        }
        if (w.Length > 3 && w[^1] == w[^2] && w[^1] is not ('a' or 'e' or 'i' or 'o' or 'u'))
        {
            w = w[..^1];
        }
        return w;
    }
}
