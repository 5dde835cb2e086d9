using System.Diagnostics;
using System.Globalization;
using Central.Dialogs.Knowledge.Search;
using YamlDotNet.Serialization;

namespace Central.Knowledge.Eval;

/// <summary>One labelled question: what a worker typed, its language, and the entry that answers it (none = abstain).</summary>
public sealed record EvalCase(string Question, string Language, string Expect)
{
    public const string None = "none";

    public bool InScope => Expect != None;
}

/// <summary>What search did with one question, and how long it took.</summary>
public sealed record EvalOutcome(EvalCase Case, SearchResult Result, double Milliseconds, SearchEvidence Evidence)
{
    /// <summary>What search would decide with other thresholds.</summary>
    public EvalOutcome With(RankingOptions options) => this with { Result = KnowledgeIndex.Decide(Evidence, options) };

    public IReadOnlyList<SearchHit> Ranked => Evidence.Ranked;

    /// <summary>The ranking alone (before any threshold) puts the right entry first.</summary>
    public bool Rank1 => Case.InScope && Ranked.Count > 0 && Ranked[0].EntryId == Case.Expect;

    public string? Shown => Result.Shown.FirstOrDefault()?.EntryId;

    /// <summary>The bot did not abstain and its first offer (the answer, or the first choice) is the right entry.</summary>
    public bool Top1 => Case.InScope && Result.Outcome != SearchOutcome.DontKnow && Shown == Case.Expect;

    public bool DirectlyAnswered => Case.InScope && Result.Outcome == SearchOutcome.Answer && Shown == Case.Expect;

    /// <summary>Answered straight out with an entry that does not answer the question (or answered one it should not).</summary>
    public bool Wrong => Result.Outcome == SearchOutcome.Answer && Shown != Case.Expect;

    public bool CorrectAbstention => !Case.InScope && Result.Outcome == SearchOutcome.DontKnow;
}

public sealed record EvalReport(IReadOnlyList<EvalOutcome> Outcomes)
{
    public EvalFigures Figures => EvalFigures.Of(Outcomes);

    public IEnumerable<(string Language, EvalFigures Figures)> ByLanguage =>
        Outcomes.GroupBy(o => o.Case.Language).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, EvalFigures.Of([.. g])));
}

public sealed record EvalFigures(int Questions, int InScope, int OutOfScope, double Rank1, double Top1, double Direct, double Abstention, double WrongRate, double P50, double P99)
{
    public static EvalFigures Of(IReadOnlyList<EvalOutcome> outcomes)
    {
        var inScope = outcomes.Count(o => o.Case.InScope);
        var outOfScope = outcomes.Count - inScope;
        var times = outcomes.Select(o => o.Milliseconds).Order().ToList();
        return new EvalFigures(
            outcomes.Count,
            inScope,
            outOfScope,
            Ratio(outcomes.Count(o => o.Rank1), inScope),
            Ratio(outcomes.Count(o => o.Top1), inScope),
            Ratio(outcomes.Count(o => o.DirectlyAnswered), inScope),
            Ratio(outcomes.Count(o => o.CorrectAbstention), outOfScope),
            Ratio(outcomes.Count(o => o.Wrong), outcomes.Count),
            Percentile(times, 0.50),
            Percentile(times, 0.99));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Questions,4} questions ({InScope} in scope, {OutOfScope} out)  ranked first {Rank1,6:P1}  top-1 {Top1,6:P1}  answered directly {Direct,6:P1}  correct abstention {Abstention,6:P1}  wrong answers {WrongRate,5:P1}  latency p50 {P50:F3} ms  p99 {P99:F3} ms");

    private static double Ratio(int count, int of) => of == 0 ? double.NaN : (double)count / of;

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}

public static class Evaluation
{
    public static IReadOnlyList<EvalCase> Load(string path)
    {
        var raw = new DeserializerBuilder().Build().Deserialize<List<Dictionary<string, string>>>(File.ReadAllText(path));
        return [.. raw.Select(c => new EvalCase(c["q"], c["lang"], c["expect"]))];
    }

    public static EvalReport Run(KnowledgeIndex index, IReadOnlyList<EvalCase> cases)
    {
        // Warm up (JIT, ICU's dictionary) so the latency figures are for a running service.
        foreach (var c in cases.Take(20))
        {
            index.Search(c.Question);
        }
        var outcomes = new List<EvalOutcome>(cases.Count);
        foreach (var c in cases)
        {
            // Examine and decide is what Search does; the evidence is kept to decide again with other thresholds.
            var started = Stopwatch.GetTimestamp();
            var evidence = index.Examine(c.Question);
            var result = KnowledgeIndex.Decide(evidence, index.Ranking);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            outcomes.Add(new EvalOutcome(c, result, elapsed, evidence));
        }
        return new EvalReport(outcomes);
    }
}

public static class Sweep
{
    /// <summary>The ranking thresholds that give the most top-1 while holding the abstention and wrong-answer floors.</summary>
    public static IEnumerable<(RankingOptions Options, EvalFigures Figures)> Best(EvalReport report, int count, bool coarse = false, double minAbstention = 0.9, double maxWrong = 0.03) =>
        Best([report], count, coarse, minAbstention, maxWrong).Select(r => (r.Options, r.Figures[0]));

    /// <summary>The same over several sets at once: each must hold the floors, and their top-1 counts alike.</summary>
    public static IEnumerable<(RankingOptions Options, EvalFigures[] Figures)> Best(IReadOnlyList<EvalReport> reports, int count, bool coarse = false, double minAbstention = 0.9, double maxWrong = 0.03)
    {
        var results = new List<(RankingOptions Options, EvalFigures[] Figures)>();
        var step = coarse ? 0.04 : 0.02;
        double[] reliefs = coarse ? [RankingOptions.Default.WorkRelief] : [0, 0.1, 0.2, 0.3, 0.4];
        foreach (var answer in Steps(0.20, 0.48, step))
        foreach (var margin in Steps(0.04, 0.12, 0.04))
        foreach (var choose in Steps(0.16, answer, step))
        foreach (var band in Steps(0.04, 0.08, 0.04))
        foreach (var lead in Steps(0.12, 0.34, step).Append(1))
        foreach (var ratio in Steps(0.5, 0.8, 0.05))
        foreach (var relief in reliefs)
        {
            var options = RankingOptions.Default with { AnswerThreshold = answer, Margin = margin, ChooseThreshold = choose, ChooseBand = band, LeadThreshold = lead, LeadRatio = ratio, WorkRelief = relief };
            var figures = reports.Select(r => EvalFigures.Of([.. r.Outcomes.Select(o => o.With(options))])).ToArray();
            if (figures.All(f => f.Abstention >= minAbstention && f.WrongRate <= maxWrong))
            {
                results.Add((options, figures));
            }
        }
        return results.OrderByDescending(r => r.Figures.Sum(f => f.Top1 + f.Direct - f.WrongRate)).Take(count);
    }

    private static IEnumerable<double> Steps(double from, double to, double step)
    {
        for (var x = from; x <= to + 1e-9; x += step)
        {
            yield return Math.Round(x, 3);
        }
    }
}
