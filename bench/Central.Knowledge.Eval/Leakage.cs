using Central.Dialogs.Knowledge;
using Central.Dialogs.Knowledge.Search;

namespace Central.Knowledge.Eval;

/// <summary>
/// How close each evaluation question is to a question variant of the content. A question the content already
/// holds (near enough word for word) measures recall of that variant, not how search does on an unseen question.
/// </summary>
public static class Leakage
{
    /// <summary>At or above this similarity a variant reads as a copy or a light paraphrase of the question.</summary>
    public const double NearCopy = 0.8;

    public static IReadOnlyList<(EvalCase Case, double Similarity, string EntryId, string Variant)> Nearest(KnowledgeContent content, IReadOnlyList<EvalCase> cases)
    {
        var variants = content.Entries.Values.SelectMany(e => e.Questions.Select(q => (e.Id, Question: q, Bigrams: Bigrams(q)))).ToList();
        return [.. cases.Select(c =>
        {
            var bigrams = Bigrams(c.Question);
            var (id, question, similarity) = variants.Select(v => (v.Id, v.Question, Similarity: Dice(bigrams, v.Bigrams))).MaxBy(v => v.Similarity);
            return (c, similarity, id, question);
        })];
    }

    /// <summary>Dice similarity of the character bigrams of the two texts' letters and digits (spaces and punctuation left out).</summary>
    public static double Similarity(string a, string b) => Dice(Bigrams(a), Bigrams(b));

    private static HashSet<string> Bigrams(string text)
    {
        var letters = string.Concat(KhmerNormalizer.Normalize(text).Where(c => KhmerNormalizer.IsKhmerLetter(c) || char.IsAsciiLetterOrDigit(c)));
        var bigrams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 2 <= letters.Length; i++)
        {
            bigrams.Add(letters.Substring(i, 2));
        }
        return bigrams;
    }

    private static double Dice(HashSet<string> a, HashSet<string> b) =>
        a.Count + b.Count == 0 ? 0 : 2.0 * a.Count(b.Contains) / (a.Count + b.Count);
}
