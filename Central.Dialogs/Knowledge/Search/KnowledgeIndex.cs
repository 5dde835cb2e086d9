using System.Numerics.Tensors;

namespace Central.Dialogs.Knowledge.Search;

public enum SearchOutcome
{
    /// <summary>One entry clearly answers the question.</summary>
    Answer,
    /// <summary>Two or three entries are close: ask the worker which one.</summary>
    Choose,
    /// <summary>Nothing answers it well enough: say so honestly.</summary>
    DontKnow,
}

public sealed record SearchHit(string EntryId, double Score);

/// <summary>
/// What a decision is made from (<see cref="KnowledgeIndex.Examine"/>): the ranked entries, whether the question
/// speaks of work, and the ranking without the country names of a question that does not (null otherwise).
/// </summary>
public sealed record SearchEvidence(IReadOnlyList<SearchHit> Ranked, bool AtWork, IReadOnlyList<SearchHit>? WithoutPlaces);

/// <summary>What search decided, with the ranked candidates behind the decision (best first).</summary>
public sealed record SearchResult(SearchOutcome Outcome, IReadOnlyList<SearchHit> Candidates)
{
    /// <summary>The entries to show: the one answer, or the choices.</summary>
    public IReadOnlyList<SearchHit> Shown => Outcome switch
    {
        SearchOutcome.Answer => Candidates.Take(1).ToList(),
        SearchOutcome.Choose => Candidates,
        _ => [],
    };

    /// <summary>
    /// With an answer, the entry ranked next when the answer does not clearly lead it: offered beside the answer, so
    /// that a worker the answer missed is one tap from the entry most likely meant.
    /// </summary>
    public SearchHit? RunnerUp { get; init; }
}

/// <summary>
/// The thresholds that turn scores into a decision. Scores are cosines in [0, 1]. Swept on evaluation.yaml and the
/// odd-numbered cases of the fresh and blind sets, judged on their even-numbered ones (bench/Central.Knowledge.Eval
/// --sweep prints the figures for any setting), and kept simple so they generalise.
/// </summary>
public sealed record RankingOptions
{
    /// <summary>At or above this, with a clear lead, the best entry is the answer.</summary>
    public double AnswerThreshold { get; init; } = 0.32;

    /// <summary>The lead over the second entry that makes the first a clear answer.</summary>
    public double Margin { get; init; } = 0.04;

    /// <summary>Below this nothing is offered: the bot says it does not know.</summary>
    public double ChooseThreshold { get; init; } = 0.28;

    /// <summary>Candidates within this of the best are offered as choices.</summary>
    public double ChooseBand { get; init; } = 0.08;

    public int MaxChoices { get; init; } = 3;

    /// <summary>
    /// A weaker best match is still the answer when it leads clearly: at least this score, with the second entry
    /// scoring at most <see cref="LeadRatio"/> of it. Long, chatty questions score low but keep their lead.
    /// </summary>
    public double LeadThreshold { get; init; } = 0.32;

    public double LeadRatio { get; init; } = 0.7;

    /// <summary>How much the whole entry (all its variants together) counts beside its best variants.</summary>
    public double EntryWeight { get; init; } = 0.7;

    /// <summary>The weight of a query word the content never uses, relative to the rarest known word.</summary>
    public double UnknownWeight { get; init; } = 1.0;

    /// <summary>Whether the answer texts count in the whole entry's vector (their words, at this weight).</summary>
    public double AnswerWeight { get; init; }

    /// <summary>
    /// How many of an entry's best-matching variants are averaged into its variant score. Two are steadier than
    /// one: a question that meets one short variant by chance does not outrank the entry that several variants fit.
    /// </summary>
    public int BestVariants { get; init; } = 2;

    /// <summary>
    /// How strongly words the content never uses lower every score (the score is multiplied by the share of the
    /// question's words the content knows, to this power): "minimum wage in vietnam" is not about Cambodia's.
    /// </summary>
    public double CoverageWeight { get; init; } = 1;

    /// <summary>
    /// Whether a romanized question is searched as its Khmer reading (<see cref="RomanizedKhmer"/>) rather than as
    /// Latin letters. Measured against averaging the two readings or taking the better one, the Khmer reading alone
    /// answers most and lets the fewest out-of-scope questions through (bench/Central.Knowledge.Eval --latin).
    /// </summary>
    public bool ReadRomanizedAsKhmer { get; init; } = true;

    /// <summary>
    /// How much lower the thresholds are for a question that speaks of work (<see cref="KnowledgeIndex.SpeaksOfWork(string)"/>):
    /// a worker telling their story ("the boss fled, 500 of us are unpaid, what do we do") scores low on every entry
    /// because most of its words are the story, while a question about something else rarely mentions an employer.
    /// </summary>
    public double WorkRelief { get; init; } = 0.4;

    /// <summary>The thresholds for a question that speaks of work.</summary>
    public RankingOptions AtWork => this with
    {
        AnswerThreshold = AnswerThreshold * (1 - WorkRelief),
        ChooseThreshold = ChooseThreshold * (1 - WorkRelief),
        LeadThreshold = LeadThreshold * (1 - WorkRelief),
    };

    /// <summary>
    /// The share of its score an entry must keep once the country names are taken out of a question that does not
    /// speak of work; below it, the country alone carried the match (<see cref="Places"/>).
    /// </summary>
    public double PlaceShare { get; init; } = 0.3;

    /// <summary>
    /// Whether a question naming a country the content does not cover (<see cref="Places.NamesElsewhere"/>) is answered
    /// only from the entries on going abroad and on CENTRAL: "maternity leave in Vietnam" is not Cambodian law's.
    /// </summary>
    public bool OnlyMigrationElsewhere { get; init; } = true;

    /// <summary>
    /// How much what an English question means (<see cref="EnglishMeaning"/>) adds to an entry's score: this times
    /// the similarity of its best English variants above <see cref="MeaningFloor"/>, below which sentences share
    /// no more meaning than any two questions about work do.
    /// </summary>
    public double MeaningWeight { get; init; } = 0.75;

    public double MeaningFloor { get; init; } = 0.4;

    public static RankingOptions Default { get; } = new();
}

/// <summary>
/// TF-IDF vectors for every question variant and title of every entry, and for each entry as a whole, behind an
/// inverted index. An entry's score is its best variants' cosine with the question, blended with the whole entry's;
/// words of the question that no entry uses still count in its length, and lower the score again by the share of
/// words the content never uses (<see cref="Vocabulary"/>), so a question about something else scores low.
/// A question typed as romanized Khmer is first read back into Khmer script (<see cref="RomanizedKhmer"/>).
/// </summary>
public sealed class KnowledgeIndex
{
    private readonly TextAnalyzer _analyzer;
    private readonly RankingOptions _ranking;
    private readonly Dictionary<string, double> _idf;
    private readonly double _unknownIdf;
    private readonly Dictionary<string, List<(int Doc, float Weight)>> _postings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(int Entry, float Weight)>> _entryPostings = new(StringComparer.Ordinal);
    // The variants of entry e are the documents _entryDocs[e] to _entryDocs[e + 1] - 1.
    private readonly List<int> _entryDocs = [];
    private readonly List<string> _entryIds;
    // Entries that hold wherever the worker is or is going: safe migration, and CENTRAL itself.
    private readonly HashSet<string> _anywhere;
    private readonly HashSet<string> _english;

    private KnowledgeIndex(IReadOnlyCollection<KnowledgeEntry> entries, TextAnalyzer analyzer, RankingOptions ranking)
    {
        _analyzer = analyzer;
        _ranking = ranking;
        _entryIds = [.. entries.Select(e => e.Id)];
        _anywhere = [.. entries.Where(e => e.Topic is "migration" or "central").Select(e => e.Id)];
        var docs = new List<(int Entry, List<string> Terms)>();
        var entryTerms = new List<List<string>>();
        var answerTerms = new List<List<string>>();
        var index = 0;
        _english = new HashSet<string>(entries.SelectMany(e => e.QuestionsEn.Append(e.Title.En).Append(e.Answer.En)).SelectMany(TextAnalyzer.LatinStems), StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var all = new List<string>();
            var texts = entry.QuestionsKm.Concat(entry.QuestionsEn).Append(entry.Title.Km).Append(entry.Title.En).Select(t => (Text: t, Romanized: false))
                .Concat(entry.QuestionsRomanized.Select(t => (Text: t, Romanized: true)));
            foreach (var (text, romanized) in texts)
            {
                var terms = analyzer.Terms(text, romanized);
                docs.Add((index, terms));
                all.AddRange(terms);
            }
            if (ranking.AnswerWeight > 0)
            {
                answerTerms.Add([.. analyzer.Terms(entry.Answer.Km).Concat(analyzer.Terms(entry.Answer.En))]);
            }
            entryTerms.Add(all);
            index++;
        }

        // Document frequency over entries: a word every entry's questions use tells nothing.
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var e = 0; e < entryTerms.Count; e++)
        {
            var terms = ranking.AnswerWeight > 0 ? entryTerms[e].Concat(answerTerms[e]) : entryTerms[e];
            foreach (var term in terms.Distinct())
            {
                df[term] = df.GetValueOrDefault(term) + 1;
            }
        }
        var n = Math.Max(1, entryTerms.Count);
        _idf = df.ToDictionary(p => p.Key, p => Math.Log(1 + ((double)n / p.Value)), StringComparer.Ordinal);
        _unknownIdf = Math.Log(1 + n) * ranking.UnknownWeight;

        for (var d = 0; d < docs.Count; d++)
        {
            if (_entryDocs.Count <= docs[d].Entry)
            {
                _entryDocs.Add(d);
            }
            foreach (var (term, weight) in Vector(docs[d].Terms))
            {
                Postings(_postings, term).Add((d, (float)weight));
            }
        }
        _entryDocs.Add(docs.Count);
        for (var e = 0; e < entryTerms.Count; e++)
        {
            var vector = Vector(entryTerms[e]);
            if (ranking.AnswerWeight > 0)
            {
                // Answer words the questions do not use, at a lower weight: they widen what the entry is known by.
                foreach (var (term, weight) in Vector(answerTerms[e]))
                {
                    vector[term] = vector.GetValueOrDefault(term) + (ranking.AnswerWeight * weight);
                }
                Normalize(vector);
            }
            foreach (var (term, weight) in vector)
            {
                Postings(_entryPostings, term).Add((e, (float)weight));
            }
        }
    }

    private KnowledgeIndex? _second;
    private Vocabulary? _vocabulary;
    private EnglishMeaning? _meaning;
    // The meanings of entry e's English questions and title are _meanings[_entryMeanings[e]] to _meanings[_entryMeanings[e + 1] - 1].
    private IReadOnlyList<float[]> _meanings = [];
    private readonly List<int> _entryMeanings = [];

    /// <summary>
    /// Builds the index: by default one view, Khmer character bigrams with the synonyms and, for romanized Khmer,
    /// consonant skeletons. Measured against ICU dictionary words, 3- and 4-grams, words + n-grams in one space and
    /// bigrams and words averaged (bench/Central.Knowledge.Eval --compare --tune), bigrams rank best and separate
    /// out-of-scope questions best. <paramref name="second"/> adds a second view whose scores are averaged in.
    /// </summary>
    public static KnowledgeIndex Build(KnowledgeContent content, TextAnalyzer? analyzer = null, RankingOptions? ranking = null, TextAnalyzer? second = null, EnglishMeaning? meaning = null)
    {
        ranking ??= RankingOptions.Default;
        analyzer ??= new TextAnalyzer();
        var index = new KnowledgeIndex([.. content.Entries.Values], analyzer, ranking);
        if (meaning is not null && ranking.MeaningWeight > 0)
        {
            var texts = new List<string>();
            foreach (var entry in content.Entries.Values)
            {
                index._entryMeanings.Add(texts.Count);
                texts.AddRange(entry.QuestionsEn.Append(entry.Title.En));
            }
            index._entryMeanings.Add(texts.Count);
            index._meanings = meaning.Of(texts);
            index._meaning = meaning;
        }
        if (ranking.CoverageWeight > 0)
        {
            index._vocabulary = new Vocabulary(content.Entries.Values.SelectMany(e => e.Questions.Concat([e.Title.Km, e.Title.En, e.Answer.Km, e.Answer.En]))
                .Concat(Synonyms.Groups.SelectMany(g => g.Phrases)));
        }
        if (second is not null)
        {
            index._second = new KnowledgeIndex([.. content.Entries.Values], second, ranking);
        }
        return index;
    }

    public int Terms => _idf.Count + (_second?.Terms ?? 0);

    /// <summary>The thresholds <see cref="Search"/> decides with.</summary>
    public RankingOptions Ranking => _ranking;

    /// <summary>Whether the question's Latin letters read as romanized Khmer rather than the English the content uses.</summary>
    public bool LooksRomanized(string question) => TextAnalyzer.LooksRomanized(question, _english);

    /// <summary>
    /// Whether the question names a side of the work relationship (a worker, an employer, a workplace, a contract, a
    /// union, the NSSF, a recruiter ...) rather than only money, health or travel, which questions about other things
    /// name too. An emergency counts as well: there the help numbers beat "I don't know" even for a story about
    /// something else.
    /// </summary>
    public bool SpeaksOfWork(string question) => SpeaksOfWork(Read(question));

    private static bool SpeaksOfWork(Query query) => query.Terms.Any(WorkConcepts.Contains);

    private static readonly HashSet<string> WorkConcepts = new(new[]
    {
        "worker", "employer", "factory", "contract", "fdc", "udc", "probation", "dismiss", "resign", "seniority", "notice",
        "leave", "annual-leave", "special-leave", "maternity", "overtime", "union", "union-leader", "strike", "nssf",
        "labour-department", "inspector", "arbitration", "agency", "migrant", "trafficking", "scam-compound", "deduction",
        "unpaid", "payday", "final-pay", "attendance", "piece-rate", "ppe", "misconduct", "emergency",
    }.Select(c => "c:" + c), StringComparer.Ordinal);

    /// <summary>A question as it is searched, and its terms.</summary>
    private sealed record Query(string Text, bool Romanized, List<string> Terms);

    /// <summary>Romanized Khmer is read back into Khmer script where the lexicon can.</summary>
    private Query Read(string question)
    {
        var romanized = LooksRomanized(question);
        if (romanized && _ranking.ReadRomanizedAsKhmer && RomanizedKhmer.Default.ToKhmer(question) is { } khmer)
        {
            // Words the lexicon does not know stay in Latin letters, still read as romanized Khmer.
            question = khmer;
        }
        return new Query(question, romanized, _analyzer.Terms(question, romanized));
    }

    /// <summary>Every entry with any overlap, best first.</summary>
    public IReadOnlyList<SearchHit> Rank(string question) => Rank(Read(question));

    private IReadOnlyList<SearchHit> Rank(Query query)
    {
        var first = RankOne(query.Terms);
        if (_meaning is not null && IsEnglish(query))
        {
            first = Meant(first, _meaning.Of(query.Text));
        }
        // Words the content never uses weigh on what the question means too: "maternity leave in Vietnam" is not ours.
        first = Covered(first, query.Text, query.Romanized);
        if (_second is null)
        {
            return first;
        }
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        // Both views index the same content, so its English words say the same of the question to each.
        foreach (var hit in first.Concat(_second.RankOne(_second._analyzer.Terms(query.Text, query.Romanized))))
        {
            scores[hit.EntryId] = scores.GetValueOrDefault(hit.EntryId) + (hit.Score / 2);
        }
        var hits = scores.Select(p => new SearchHit(p.Key, p.Value)).ToList();
        hits.Sort((a, b) => b.Score.CompareTo(a.Score));
        return hits;
    }

    private static bool IsEnglish(Query query) =>
        !query.Romanized && query.Text.Any(char.IsAsciiLetter) && !query.Text.Any(KhmerNormalizer.IsKhmerLetter);

    /// <summary>The word scores, with what the English question means added to each entry's.</summary>
    private List<SearchHit> Meant(List<SearchHit> hits, float[] question)
    {
        var scores = hits.ToDictionary(h => h.EntryId, h => h.Score, StringComparer.Ordinal);
        Span<double> best = stackalloc double[_ranking.BestVariants];
        for (var e = 0; e < _entryIds.Count; e++)
        {
            best.Clear();
            for (var m = _entryMeanings[e]; m < _entryMeanings[e + 1]; m++)
            {
                KeepBest(best, EnglishMeaning.Similarity(question, _meanings[m]));
            }
            var counted = Math.Min(best.Length, _entryMeanings[e + 1] - _entryMeanings[e]);
            var meant = counted == 0 ? 0 : TensorPrimitives.Sum<double>(best[..counted]) / counted;
            if (meant > _ranking.MeaningFloor)
            {
                scores[_entryIds[e]] = scores.GetValueOrDefault(_entryIds[e]) + (_ranking.MeaningWeight * (meant - _ranking.MeaningFloor));
            }
        }
        var ranked = scores.Select(p => new SearchHit(p.Key, p.Value)).ToList();
        ranked.Sort((a, b) => b.Score.CompareTo(a.Score));
        return ranked;
    }

    private List<SearchHit> Covered(List<SearchHit> hits, string question, bool romanized)
    {
        if (_vocabulary is null)
        {
            return hits;
        }
        var penalty = Math.Pow(_vocabulary.Coverage(question, romanized), _ranking.CoverageWeight);
        return [.. hits.Select(h => h with { Score = h.Score * penalty })];
    }

    private List<SearchHit> RankOne(List<string> terms)
    {
        var query = QueryVector(terms);
        if (query.Count == 0)
        {
            return [];
        }
        var docScores = new double[_entryDocs[^1]];
        var entryScores = new double[_entryIds.Count];
        foreach (var (term, weight) in query)
        {
            if (_postings.TryGetValue(term, out var postings))
            {
                foreach (var (doc, w) in postings)
                {
                    docScores[doc] += weight * w;
                }
            }
            if (_entryPostings.TryGetValue(term, out var entryPostings))
            {
                foreach (var (entry, w) in entryPostings)
                {
                    entryScores[entry] += weight * w;
                }
            }
        }
        var hits = new List<SearchHit>();
        var best = new double[_ranking.BestVariants];
        for (var e = 0; e < _entryIds.Count; e++)
        {
            Array.Clear(best);
            for (var d = _entryDocs[e]; d < _entryDocs[e + 1]; d++)
            {
                KeepBest(best, docScores[d]);
            }
            var score = ((1 - _ranking.EntryWeight) * best.Average()) + (_ranking.EntryWeight * entryScores[e]);
            if (score > 0)
            {
                hits.Add(new SearchHit(_entryIds[e], score));
            }
        }
        hits.Sort((a, b) => b.Score.CompareTo(a.Score));
        return hits;
    }

    /// <summary>Keeps the highest scores seen in <paramref name="best"/>, in descending order (it is small).</summary>
    private static void KeepBest(Span<double> best, double score)
    {
        for (var k = 0; k < best.Length; k++)
        {
            if (score > best[k])
            {
                best[k..^1].CopyTo(best[(k + 1)..]);
                best[k] = score;
                return;
            }
        }
    }

    public SearchResult Search(string question) => Decide(Examine(question), _ranking);

    /// <summary>
    /// What search knows of a question before any threshold: the ranking, whether it speaks of work, and, for a
    /// question that names a country but not work, the ranking once the country names are taken out.
    /// </summary>
    public SearchEvidence Examine(string question)
    {
        var query = Read(question);
        var atWork = SpeaksOfWork(query);
        var withoutPlaces = !atWork && Places.Without(question) is { } rest ? Rank(Read(rest)) : null;
        var ranked = Rank(query);
        if (_ranking.OnlyMigrationElsewhere && Places.NamesElsewhere(question))
        {
            // Cambodian law does not answer for another country; going abroad safely and CENTRAL's help do.
            ranked = [.. ranked.Where(h => _anywhere.Contains(h.EntryId))];
        }
        return new SearchEvidence(ranked, atWork, withoutPlaces);
    }

    /// <summary>
    /// The decision, with lower thresholds for a question that speaks of work, and no answer from an entry the
    /// question meets only by the country it names ("best time to visit Japan" and "Working in Japan").
    /// </summary>
    public static SearchResult Decide(SearchEvidence evidence, RankingOptions ranking)
    {
        var result = Decide(evidence.Ranked, evidence.AtWork ? ranking.AtWork : ranking);
        if (result.Outcome != SearchOutcome.DontKnow && evidence.WithoutPlaces is { } rest
            && (rest.FirstOrDefault(h => h.EntryId == result.Shown[0].EntryId)?.Score ?? 0) < result.Shown[0].Score * ranking.PlaceShare)
        {
            return new SearchResult(SearchOutcome.DontKnow, result.Candidates);
        }
        return result;
    }

    public static SearchResult Decide(IReadOnlyList<SearchHit> ranked, RankingOptions ranking)
    {
        if (ranked.Count == 0 || (ranked[0].Score < ranking.ChooseThreshold && ranked[0].Score < ranking.LeadThreshold))
        {
            return new SearchResult(SearchOutcome.DontKnow, [.. ranked.Take(ranking.MaxChoices)]);
        }
        var top = ranked[0].Score;
        var second = ranked.Count > 1 ? ranked[1].Score : 0;
        if ((top >= ranking.AnswerThreshold && top - second >= ranking.Margin) || (top >= ranking.LeadThreshold && second <= top * ranking.LeadRatio))
        {
            return Answer(ranked, ranking);
        }
        // A second entry this close is offered even when it scores below the choose threshold on its own: answering
        // with the first instead would be a guess between the two.
        var close = ranked.Take(ranking.MaxChoices).Where(h => top - h.Score <= ranking.ChooseBand).ToList();
        if (close.Count == 1 && top < ranking.AnswerThreshold)
        {
            // One weak candidate: not sure enough to answer with it, and a choice of one is a guess too.
            return new SearchResult(SearchOutcome.DontKnow, [.. ranked.Take(ranking.MaxChoices)]);
        }
        return close.Count == 1
            ? Answer(ranked, ranking)
            : new SearchResult(SearchOutcome.Choose, close);
    }

    private static SearchResult Answer(IReadOnlyList<SearchHit> ranked, RankingOptions ranking) =>
        new(SearchOutcome.Answer, [.. ranked.Take(ranking.MaxChoices)])
        {
            RunnerUp = ranked.Count > 1 && ranked[1].Score > ranked[0].Score * ranking.LeadRatio ? ranked[1] : null,
        };

    private Dictionary<string, double> QueryVector(List<string> terms)
    {
        var vector = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var group in terms.GroupBy(t => t, StringComparer.Ordinal))
        {
            var idf = _idf.TryGetValue(group.Key, out var known) ? known : _unknownIdf;
            vector[group.Key] = (1 + Math.Log(group.Count())) * idf;
        }
        Normalize(vector);
        return vector;
    }

    private Dictionary<string, double> Vector(List<string> terms)
    {
        var vector = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var group in terms.GroupBy(t => t, StringComparer.Ordinal))
        {
            vector[group.Key] = (1 + Math.Log(group.Count())) * _idf[group.Key];
        }
        Normalize(vector);
        return vector;
    }

    private static void Normalize(Dictionary<string, double> vector)
    {
        var length = Math.Sqrt(vector.Values.Sum(v => v * v));
        if (length == 0)
        {
            return;
        }
        foreach (var key in vector.Keys.ToList())
        {
            vector[key] /= length;
        }
    }

    private static List<(int, float)> Postings(Dictionary<string, List<(int, float)>> postings, string term)
    {
        if (!postings.TryGetValue(term, out var list))
        {
            postings[term] = list = [];
        }
        return list;
    }
}
