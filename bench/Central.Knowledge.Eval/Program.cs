using System.Diagnostics;
using Central.Dialogs.Knowledge;
using Central.Dialogs.Knowledge.Search;
using Central.Knowledge.Eval;

// Prints how well knowledge search does on tests/Central.Tests/Knowledge/evaluation.yaml:
//   dotnet run -c Release --project bench/Central.Knowledge.Eval [-- --misses] [--compare]
// --misses lists every question not answered as labelled; --compare measures the segmentation alternatives;
// --sweep finds the ranking thresholds that give the most top-1 within the abstention and wrong-answer floors.
var misses = args.Contains("--misses");
var compare = args.Contains("--compare");
var sweep = args.Contains("--sweep");
var contentPath = Path.Combine(AppContext.BaseDirectory, "Knowledge", "Content");
var cases = Evaluation.Load(Path.Combine(AppContext.BaseDirectory, "evaluation.yaml"));

var started = Stopwatch.GetTimestamp();
var content = KnowledgeContent.Load(contentPath);
var loaded = Stopwatch.GetElapsedTime(started);
var index = KnowledgeIndex.Build(content);
var built = Stopwatch.GetElapsedTime(started) - loaded;
Console.WriteLine($"content: {content.Entries.Count} entries in {content.Topics.Count} topics, {content.Problems.Count} problems; loaded in {loaded.TotalMilliseconds:F0} ms, indexed ({index.Terms} terms) in {built.TotalMilliseconds:F0} ms (cold: includes ICU's dictionary)");
foreach (var problem in content.Problems)
{
    Console.WriteLine($"  problem: {problem}");
}

var report = Evaluation.Run(index, cases);
Print("search", report, misses);
if (sweep)
{
    foreach (var (options, figures) in Sweep.Best(report, 10))
    {
        Console.WriteLine($"  answer {options.AnswerThreshold:F2} margin {options.Margin:F2} choose {options.ChooseThreshold:F2} band {options.ChooseBand:F2}: {figures}");
    }
}

if (args.Contains("--tune"))
{
    // Settings of the index worth comparing, each with its best thresholds.
    foreach (var (segmentation, ngram, latin, unknown, entryWeight) in new (Segmentation, int, bool, double, double)[]
    {
        (Segmentation.Ngrams, 2, false, 1.0, 0.5),
        (Segmentation.Ngrams, 2, false, 1.0, 0.65),
        (Segmentation.Ngrams, 2, false, 1.0, 0.8),
        (Segmentation.Ngrams, 2, false, 1.5, 0.5),
        (Segmentation.Ngrams, 2, true, 1.0, 0.5),
        (Segmentation.WordsAndNgrams, 2, false, 1.0, 0.5),
        (Segmentation.Words, 2, false, 1.0, 0.5),
        (Segmentation.Words, 2, false, 1.0, 0.65),
    })
    {
        var analyzer = new TextAnalyzer(new AnalyzerOptions { Segmentation = segmentation, NgramLength = ngram, LatinNgrams = latin });
        var ranking = RankingOptions.Default with { UnknownWeight = unknown, EntryWeight = entryWeight };
        var tuned = Evaluation.Run(KnowledgeIndex.Build(content, analyzer, ranking), cases);
        var best = Sweep.Best(tuned, 1, coarse: true).FirstOrDefault();
        Console.WriteLine($"{segmentation} {ngram} latin {latin} unknown {unknown} entry {entryWeight}: rank-1 {tuned.Figures.Rank1:P1}; best {best.Options?.AnswerThreshold:F2}/{best.Options?.Margin:F2}/{best.Options?.ChooseThreshold:F2}/{best.Options?.ChooseBand:F2} top-1 {best.Figures?.Top1:P1} direct {best.Figures?.Direct:P1} abst {best.Figures?.Abstention:P1} wrong {best.Figures?.WrongRate:P1}");
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
