using System.Diagnostics;
using Central.Dialogs.Knowledge;
using Central.Dialogs.Knowledge.Search;
using Central.Knowledge.Eval;

// Prints how well knowledge search does on tests/Central.Tests/Knowledge/evaluation.yaml:
//   dotnet run -c Release --project bench/Central.Knowledge.Eval [-- --misses] [--compare]
// --misses lists every question not answered as labelled; --set FILE reads another evaluation set (evaluation-fresh.yaml: the independent one); --compare measures the segmentation alternatives;
// --odd measures the odd-numbered cases alone; --ask "question" shows what search decides for one question; --sweep finds the ranking thresholds that give the most top-1 within the abstention and wrong-answer floors
// (tuned on the odd-numbered cases, and shown on the even-numbered ones too); --leaks lists the questions the content holds near word for word;
// --confusable lists, for each entry, the entries its own question variants rank close to it (the ones new variants should tell it apart from).
// --words searches by words alone: English questions are not also matched by what they mean (EnglishMeaning).
var misses = args.Contains("--misses");
// --odd measures the odd-numbered cases only (figures, misses, sweep): the even-numbered ones of evaluation-fresh.yaml are held out.
var oddOnly = args.Contains("--odd");
var compare = args.Contains("--compare");
var sweep = args.Contains("--sweep");
var contentPath = Path.Combine(AppContext.BaseDirectory, "Knowledge", "Content");
var cases = Evaluation.Load(Beside(Array.IndexOf(args, "--set") is var set and >= 0 && set + 1 < args.Length ? args[set + 1] : "evaluation.yaml"));

var started = Stopwatch.GetTimestamp();
var content = KnowledgeContent.Load(contentPath);
var loaded = Stopwatch.GetElapsedTime(started);
// --latin searches romanized questions as Latin letters, as before they were read back into Khmer.
var rankingOptions = RankingOptions.Default with { ReadRomanizedAsKhmer = !args.Contains("--latin") };
var index = KnowledgeIndex.Build(content, ranking: rankingOptions, meaning: args.Contains("--words") ? null : EnglishMeaning.Shared);
var built = Stopwatch.GetElapsedTime(started) - loaded;
Console.WriteLine($"content: {content.Entries.Count} entries in {content.Topics.Count} topics, {content.Problems.Count} problems; loaded in {loaded.TotalMilliseconds:F0} ms, indexed ({index.Terms} terms) in {built.TotalMilliseconds:F0} ms (cold start)");
foreach (var problem in content.Problems)
{
    Console.WriteLine($"  problem: {problem}");
}

if (Array.IndexOf(args, "--ask") is var at and >= 0 && at + 1 < args.Length)
{
    var asked = index.Search(args[at + 1]);
    if (args.Contains("--terms"))
    {
        var romanized = index.LooksRomanized(args[at + 1]);
        Console.WriteLine($"{(romanized ? "romanized" : "not romanized")}: {string.Join(" ", new TextAnalyzer().Terms(args[at + 1], romanized))}");
    }
    Console.WriteLine($"{asked.Outcome}{(index.SpeaksOfWork(args[at + 1]) ? " (speaks of work)" : "")}: {string.Join(", ", asked.Candidates.Select(h => $"{h.EntryId} {h.Score:F2}"))}");
    return;
}

var report = Evaluation.Run(index, cases);
if (oddOnly)
{
    // Blind to the held-out half: every figure below is of the odd-numbered cases alone.
    report = new EvalReport(Odd(report.Outcomes));
    cases = [.. report.Outcomes.Select(o => o.Case)];
}
// --lang X keeps the cases of one language (km, en, romanized), to tune or inspect one script; after --odd, so that
// the odd-numbered cases stay the ones numbered so in the file.
var language = Array.IndexOf(args, "--lang") is var only and >= 0 && only + 1 < args.Length ? args[only + 1] : null;
if (language is not null)
{
    report = new EvalReport([.. report.Outcomes.Where(o => o.Case.Language == language)]);
    cases = [.. report.Outcomes.Select(o => o.Case)];
}
Print(oddOnly ? "search, odd-numbered cases only" : "search", report, misses);
// A wrong answer the worker can mend with one tap: the right entry is among the answer's buttons (its follow-ups, or
// the runner-up search offers beside an answer that does not clearly lead it).
var wrongInScope = report.Outcomes.Where(o => o.Wrong && o.Case.InScope).ToList();
var mendable = wrongInScope.Count(o => AnswerMessage.Buttons(content.Entries[o.Shown!], content, o.Result.RunnerUp is { } next ? content.Entries[next.EntryId] : null)
    .Any(b => b.Payload == AnswerMessage.PayloadOf(o.Case.Expect)));
Console.WriteLine($"  wrong answers to in-scope questions: {wrongInScope.Count}, of which {mendable} offer the right entry as a button");
var nearest = Leakage.Nearest(content, cases);
var unseen = nearest.Where(n => n.Similarity < Leakage.NearCopy).Select(n => n.Case).ToHashSet();
if (!oddOnly)
{
    Console.WriteLine($"  odd cases  {EvalFigures.Of(Odd(report.Outcomes))}");
    Console.WriteLine($"  even cases {EvalFigures.Of(Even(report.Outcomes))}");
}
Console.WriteLine($"  unseen     {EvalFigures.Of([.. report.Outcomes.Where(o => unseen.Contains(o.Case))])}  (no content variant within {Leakage.NearCopy} bigram similarity)");
if (args.Contains("--leaks"))
{
    foreach (var (c, similarity, entryId, variant) in nearest.Where(n => n.Similarity >= Leakage.NearCopy).OrderByDescending(n => n.Similarity))
    {
        Console.WriteLine($"  {similarity:F2} {c.Expect,-28} {c.Question}  ~  {entryId}: {variant}");
    }
}
if (sweep)
{
    // Tuned on the odd-numbered cases only; the even-numbered ones show whether the thresholds generalise.
    // --plus FILE[,FILE...] tunes on other sets at the same time: all of evaluation.yaml, or only the odd-numbered
    // cases of a set named FILE:odd (evaluation-blind.yaml:odd), whose even half stays held out.
    var odd = oddOnly ? report : new EvalReport(Odd(report.Outcomes));
    var plus = Array.IndexOf(args, "--plus") is var p and >= 0 && p + 1 < args.Length
        ? [.. args[p + 1].Split(',').Select(name =>
        {
            var oddOfIt = name.EndsWith(":odd", StringComparison.Ordinal);
            var all = Evaluation.Load(Beside(oddOfIt ? name[..^4] : name));
            return Evaluation.Run(index, [.. (oddOfIt ? Odd(all) : all).Where(c => language is null || c.Language == language)]);
        })]
        : Array.Empty<EvalReport>();
    // --floor X asks the sweep for at least X correct abstention (default 0.9, the test's floor), to keep some slack.
    var floor = Array.IndexOf(args, "--floor") is var fl and >= 0 && fl + 1 < args.Length ? double.Parse(args[fl + 1], System.Globalization.CultureInfo.InvariantCulture) : 0.9;
    foreach (var (options, figures) in Sweep.Best([odd, .. plus], 10, minAbstention: floor))
    {
        Console.WriteLine($"  answer {options.AnswerThreshold:F2} margin {options.Margin:F2} choose {options.ChooseThreshold:F2} band {options.ChooseBand:F2} lead {options.LeadThreshold:F2}×{options.LeadRatio:F2} work relief {options.WorkRelief:F2}");
        Console.WriteLine($"    odd  {figures[0]}");
        foreach (var more in figures.Skip(1))
        {
            Console.WriteLine($"    plus {more}");
        }
        if (!oddOnly)
        {
            Console.WriteLine($"    even {EvalFigures.Of([.. Even(report.Outcomes).Select(o => o.With(options))])}");
        }
    }
}

if (args.Contains("--tune"))
{
    // Settings of the index worth comparing, each with its best thresholds.
    foreach (var entryWeight in new[] { 0.35, 0.5, 0.65 })
    {
        var ranking = RankingOptions.Default with { EntryWeight = entryWeight };
        var both = Evaluation.Run(KnowledgeIndex.Build(content, new TextAnalyzer(), ranking, new TextAnalyzer(new AnalyzerOptions { Segmentation = Segmentation.Words })), cases);
        var top = Sweep.Best(both, 1, coarse: true).FirstOrDefault();
        Console.WriteLine($"latin: bigrams + words, entry {entryWeight}: rank-1 {both.Figures.Rank1:P1}; best {top.Options?.AnswerThreshold:F2}/{top.Options?.Margin:F2}/{top.Options?.ChooseThreshold:F2}/{top.Options?.ChooseBand:F2} top-1 {top.Figures?.Top1:P1} direct {top.Figures?.Direct:P1} abst {top.Figures?.Abstention:P1} wrong {top.Figures?.WrongRate:P1}");
    }
    foreach (var (segmentation, ngram, latin, unknown, entryWeight, skeletons) in new (Segmentation, int, bool, double, double, bool)[]
    {
        (Segmentation.Ngrams, 2, false, 1.0, 0.5, true),
        (Segmentation.WordsAndNgrams, 2, false, 1.0, 0.5, true),
        (Segmentation.Words, 2, false, 1.0, 0.5, true),
        (Segmentation.Ngrams, 2, false, 1.0, 0.5, false),
        (Segmentation.WordsAndNgrams, 2, false, 1.0, 0.5, false),
        (Segmentation.Words, 2, false, 1.0, 0.5, false),
    })
    {
        var analyzer = new TextAnalyzer(new AnalyzerOptions { Segmentation = segmentation, NgramLength = ngram, LatinNgrams = latin, Skeletons = skeletons });
        var ranking = RankingOptions.Default with { UnknownWeight = unknown, EntryWeight = entryWeight };
        var tuned = Evaluation.Run(KnowledgeIndex.Build(content, analyzer, ranking), cases);
        var best = Sweep.Best(tuned, 1, coarse: true).FirstOrDefault();
        Console.WriteLine($"{segmentation} {ngram} latin {latin} skeletons {skeletons} unknown {unknown} entry {entryWeight}: rank-1 {tuned.Figures.Rank1:P1}; best {best.Options?.AnswerThreshold:F2}/{best.Options?.Margin:F2}/{best.Options?.ChooseThreshold:F2}/{best.Options?.ChooseBand:F2} top-1 {best.Figures?.Top1:P1} direct {best.Figures?.Direct:P1} abst {best.Figures?.Abstention:P1} wrong {best.Figures?.WrongRate:P1}");
    }
}

if (args.Contains("--scores"))
{
    foreach (var o in report.Outcomes.OrderBy(o => o.Ranked.FirstOrDefault()?.Score ?? 0))
    {
        var top = o.Ranked.Take(2).ToList();
        var kind = !o.Case.InScope ? "OOS" : o.Rank1 ? "ok " : "bad";
        Console.WriteLine($"{kind} {(top.Count > 0 ? top[0].Score : 0):F2} {(top.Count > 1 ? top[1].Score : 0):F2} {o.Case.Language} {(o.Evidence.AtWork ? "work" : "----")} {o.Result.Outcome,-8} {o.Case.Question}");
    }
}

if (compare)
{
    foreach (var (name, options) in new (string, AnalyzerOptions)[]
    {
        ("ICU words only", new AnalyzerOptions { Segmentation = Segmentation.Words }),
        ("character 2-grams only", new AnalyzerOptions { Segmentation = Segmentation.Ngrams, NgramLength = 2 }),
        ("character 3-grams only", new AnalyzerOptions { Segmentation = Segmentation.Ngrams, NgramLength = 3 }),
        ("character 4-grams only", new AnalyzerOptions { Segmentation = Segmentation.Ngrams, NgramLength = 4 }),
        ("ICU words + 3-grams", new AnalyzerOptions { Segmentation = Segmentation.WordsAndNgrams, NgramLength = 3 }),
        ("ICU words + 4-grams", new AnalyzerOptions { Segmentation = Segmentation.WordsAndNgrams, NgramLength = 4 }),
        ("ICU words + 3-grams, no synonyms", new AnalyzerOptions { Segmentation = Segmentation.WordsAndNgrams, Concepts = false }),
    })
    {
        Print(name, Evaluation.Run(KnowledgeIndex.Build(content, new TextAnalyzer(options)), cases), misses: false);
    }
}

if (args.Contains("--confusable"))
{
    // For each entry, the entries its own questions also rank near the top: the ones a worker's wording confuses it with.
    foreach (var entry in content.Entries.Values.OrderBy(e => e.Topic).ThenBy(e => e.Id))
    {
        var rivals = new Dictionary<string, int>();
        foreach (var q in entry.Questions)
        {
            var ranked = index.Rank(q);
            var own = ranked.FirstOrDefault(h => h.EntryId == entry.Id)?.Score ?? 0;
            foreach (var h in ranked.Take(3).Where(h => h.EntryId != entry.Id && h.Score >= own * 0.8))
            {
                rivals[h.EntryId] = rivals.GetValueOrDefault(h.EntryId) + 1;
            }
        }
        Console.WriteLine($"{entry.Topic}\t{entry.Id}\t{string.Join(", ", rivals.OrderByDescending(r => r.Value).Take(4).Select(r => r.Key))}");
    }
}

// A set named without a path (evaluation-fresh.yaml) is the copy beside the runner.
static string Beside(string name) => File.Exists(name) ? name : Path.Combine(AppContext.BaseDirectory, name);

// Case numbers count from 1, as a reader of evaluation.yaml counts them.
static List<T> Odd<T>(IReadOnlyList<T> items) => [.. items.Where((_, i) => i % 2 == 0)];

static List<T> Even<T>(IReadOnlyList<T> items) => [.. items.Where((_, i) => i % 2 == 1)];

static void Print(string name, EvalReport report, bool misses)
{
    Console.WriteLine();
    Console.WriteLine($"== {name}");
    Console.WriteLine($"  all        {report.Figures}");
    foreach (var (language, figures) in report.ByLanguage)
    {
        Console.WriteLine($"  {language,-10} {figures}");
    }
    if (!misses)
    {
        return;
    }
    foreach (var o in report.Outcomes.Where(o => o.Case.InScope ? !o.DirectlyAnswered : !o.CorrectAbstention))
    {
        var shown = string.Join(", ", o.Result.Candidates.Take(3).Select(h => $"{h.EntryId} {h.Score:F2}"));
        Console.WriteLine($"  {(o.Wrong ? "WRONG" : o.Top1 ? "chose" : "miss "),-5} {o.Result.Outcome,-8} expect {o.Case.Expect,-28} got [{shown}]  {o.Case.Question}");
    }
}
