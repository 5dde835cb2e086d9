namespace Central.Dialogs.Knowledge.Search;

/// <summary>
/// Every word the content uses anywhere: questions, titles, answers and synonyms. A question about something else
/// brings words the content never uses ("vietnam", "ភ្លៀង", "tiktok"). Khmer character bigrams hide them (most
/// bigrams of an unknown Khmer word occur somewhere), so these are ICU dictionary words.
/// </summary>
public sealed class Vocabulary
{
    private static readonly TextAnalyzer Words = new(new AnalyzerOptions { Segmentation = Segmentation.Words, Concepts = false });
    private readonly HashSet<string> _words;
    private readonly HashSet<string> _skeletons;

    public Vocabulary(IEnumerable<string> texts)
    {
        _words = texts.SelectMany(WordsOf).ToHashSet(StringComparer.Ordinal);
        _skeletons = _words.Where(IsLatin).Select(TextAnalyzer.Skeleton).Where(k => k.Length >= 2).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The share of the question's words that the content uses (1 for a question with none). A <paramref name="romanized"/>
    /// word counts as used when its consonant skeleton is: romanized Khmer has no one spelling.
    /// </summary>
    public double Coverage(string question, bool romanized)
    {
        var words = WordsOf(question).Distinct(StringComparer.Ordinal).ToList();
        return words.Count == 0 ? 1 : (double)words.Count(w => _words.Contains(w) || (romanized && IsLatin(w) && _skeletons.Contains(TextAnalyzer.Skeleton(w)))) / words.Count;
    }

    private static IEnumerable<string> WordsOf(string text) =>
        Words.Terms(text).Where(t => t.StartsWith("w:", StringComparison.Ordinal)).Select(t => t[2..]);

    private static bool IsLatin(string word) => word[0] is >= 'a' and <= 'z';
}
