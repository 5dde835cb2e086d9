using System.Diagnostics;
using Central.Dialogs.Knowledge;
using Central.Dialogs.Knowledge.Search;
using Central.Knowledge.Eval;

// Prints how well knowledge search does on tests/Central.Tests/Knowledge/evaluation.yaml:
//   dotnet run -c Release --project bench/Central.Knowledge.Eval [-- --misses] [--compare]
// --misses lists every question not answered as labelled; --compare measures the segmentation alternatives.
var misses = args.Contains("--misses");
var compare = args.Contains("--compare");
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

Print("search", Evaluation.Run(index, cases), misses);

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
