using Central.Dialogs.Knowledge.Search;
using Central.Knowledge.Eval;

namespace Central.Tests.Knowledge;

/// <summary>How search reads what workers type, and the floors it must hold on the labelled evaluation set.</summary>
public sealed class SearchTests
{
    [Theory]
    [InlineData("ប្រាក់\u200Bឈ្នួល", "ប្រាក់ឈ្នួល")]            // a zero-width space inside the word
    [InlineData("ឈប់សំរាក", "ឈប់សម្រាក")]                      // old spelling
    [InlineData("ស្ដី", "ស្តី")]                                // coeng da / coeng ta
    [InlineData("ស\u17D2\u179A\u17D2\u178F\u17B8", "ស\u17D2\u178F\u17D2\u179A\u17B8")] // coeng ro typed before another subscript: ស្ត្រី
    [InlineData("ខ\u17C6\u17BB", "ខ\u17BB\u17C6")]              // ំ typed before ុ
    [InlineData("ឆ្នាំ២០២៦", "ឆ្នាំ2026")]                      // Khmer digits
    [InlineData("ប្រាក់ខេ ប៉ុនមាន", "ប្រាក់ខែ ប៉ុន្មាន")]        // common typos
    [InlineData("ថៅកេ", "ថៅកែ")]
    [InlineData("ប៉ូលីស", "ប៉ូលិស")]
    public void Khmer_spellings_that_mean_the_same_are_read_the_same(string typed, string expected) =>
        Assert.Equal(KhmerNormalizer.Normalize(expected), KhmerNormalizer.Normalize(typed));

    [Fact]
    public void Khmer_is_segmented_into_dictionary_words_with_ICU() =>
        Assert.Equal(["ខ្ញុំ", "ចង់", "ដឹង", "អំពី", "ប្រាក់ឈ្នួល", "អប្បបរមា"], TextAnalyzer.Segment("ខ្ញុំចង់ដឹងអំពីប្រាក់ឈ្នួលអប្បបរមា"));

    [Fact]
    public void Letters_and_digits_run_together_are_split_before_segmenting()
    {
        var terms = new TextAnalyzer(new AnalyzerOptions { Segmentation = Segmentation.Words }).Terms("ប្រាក់ឈ្នួលអប្បបរមាឆ្នាំ២០២៦ប៉ុន្មាន?");

        Assert.Contains("n:2026", terms);
        Assert.Contains("w:ឆ្នាំ", terms);
        Assert.Contains("c:minimum-wage", terms);
    }

    [Theory]
    [InlineData("ប.ស.ស")]
    [InlineData("បសស")]
    [InlineData("NSSF")]
    [InlineData("bo so so")]
    [InlineData("បេឡាជាតិរបបសន្តិសុខសង្គម")]
    public void The_NSSF_is_known_by_its_abbreviations_and_its_name(string typed) =>
        Assert.Contains("c:nssf", new TextAnalyzer().Terms(typed));

    [Theory]
    [InlineData("prak khae")]
    [InlineData("លុយខែ")]
    [InlineData("salaries")]
    public void Romanized_and_informal_words_for_wage_meet_the_standard_term(string typed) =>
        Assert.Contains("c:wage", new TextAnalyzer().Terms(typed));

    [Theory]
    [InlineData("min chong tver OT", true)]
    [InlineData("ធ្វើOTយប់", false)]
    [InlineData("how is ot paid", false)]
    public void Overtime_is_OT_in_capitals_in_any_language(string typed, bool romanized) =>
        Assert.Contains("c:overtime", new TextAnalyzer().Terms(typed, romanized));

    [Fact]
    public void Lower_case_ot_in_romanized_Khmer_is_not_overtime_but_not() =>
        Assert.DoesNotContain("c:overtime", new TextAnalyzer().Terms("tver kar ot mean thngai chhob", romanized: true));

    [Fact]
    public void The_content_writing_OT_does_not_make_a_romanized_ot_read_as_English()
    {
        var index = TestKnowledge.Base.Current.Index;

        // The content's English says "OT" for overtime; before, its lower-cased "ot" counted as an English word.
        Assert.True(index.LooksRomanized("luy khae ot ban"));
        Assert.Equal("unpaid-wages", index.Search("luy khae ot ban").Shown.FirstOrDefault()?.EntryId);
    }

    [Fact]
    public void A_romanized_question_is_searched_as_its_Khmer_reading()
    {
        const string question = "protean krom chher knhom rol thngai, knhom trov twer mech"; // my team leader insults me every day
        var content = TestKnowledge.Base.Current.Content;
        var latinOnly = KnowledgeIndex.Build(content, ranking: RankingOptions.Default with { ReadRomanizedAsKhmer = false });

        Assert.Equal("ប្រធានក្រុម ជេរ ខ្ញុំ រាល់ថ្ងៃ , ខ្ញុំ ត្រូវ ធ្វើ ម៉េច", RomanizedKhmer.Default.ToKhmer(question));
        Assert.Equal(SearchOutcome.DontKnow, latinOnly.Search(question).Outcome);
        var read = TestKnowledge.Base.Current.Index.Search(question);
        Assert.Equal(SearchOutcome.Answer, read.Outcome);
        Assert.Equal("violence-at-work", read.Shown[0].EntryId);
    }

    [Fact]
    public void A_worker_telling_their_story_is_answered_though_the_story_lowers_every_score()
    {
        const string story = "my factory owner ran away and nobody paid us for october, what do we do";
        // By words alone: what the story means would lift it over the usual threshold anyway.
        var index = KnowledgeIndex.Build(TestKnowledge.Base.Current.Content);
        var withoutRelief = KnowledgeIndex.Build(TestKnowledge.Base.Current.Content, ranking: RankingOptions.Default with { WorkRelief = 0 });

        var answered = index.Search(story);

        Assert.True(index.SpeaksOfWork(story));
        Assert.Equal(SearchOutcome.Answer, answered.Outcome);
        Assert.Equal("mass-dismissal", answered.Shown[0].EntryId);
        Assert.True(answered.Shown[0].Score < RankingOptions.Default.AnswerThreshold, "the story scores below the usual threshold");
        Assert.Equal(SearchOutcome.DontKnow, withoutRelief.Search(story).Outcome);
    }

    [Theory]
    [InlineData("ខ្ញុំធ្វើការនៅភោជនីយដ្ឋាន ថៅកែមិនទាន់បើកលុយខែពីរខែហើយ", "unpaid-wages")]
    [InlineData("ប្អូនខ្ញុំអាយុ១៥ឆ្នាំ ធ្វើការនៅភោជនីយដ្ឋានរហូតដល់ម៉ោង១១យប់", "minors-night-work")]
    [InlineData("ខ្ញុំធ្វើការនៅភោជនីយដ្ឋាន ថ្ងៃបុណ្យភ្ជុំ គេឲ្យធ្វើការ តើខ្ញុំបានប្រាក់បន្ថែមទេ", "public-holidays-pay")]
    [InlineData("ធ្វើការនៅភោជនីយដ្ឋាន មានប្រាក់ខែអប្បបរមាទេ", "minimum-wage-scope")] // here the workplace is the subject
    public void The_workplace_a_worker_names_is_the_setting_of_the_question_not_its_subject(string question, string entry) =>
        // The restaurant's long, rare words once carried all of these to "who gets the minimum wage"; a rule weighed
        // workplaces half until the content's Khmer variants told the stories apart on their own.
        Assert.Equal(entry, TestKnowledge.Base.Current.Index.Search(question).Shown[0].EntryId);

    [Theory]
    [InlineData("In Vietnam, how many days of maternity leave do workers get?")]
    [InlineData("ធ្វើការនៅសិង្ហបុរី ឈប់សម្រាកប្រចាំឆ្នាំបានប៉ុន្មានថ្ងៃ")]
    [InlineData("ប្រពន្ធខ្ញុំធ្វើការនៅវៀតណាម ឈប់សម្រាកលំហែមាតុភាពបានប៉ុន្មានខែ")]
    [InlineData("what is the minimum wage for garment workers in Bangladesh")]
    [InlineData("ប្តីខ្ញុំធ្វើការសំណង់នៅអ៊ីស្រាអែល ធ្វើOTបានលុយបន្ថែមប៉ុន្មានភាគរយ")]
    public void A_question_about_a_country_the_content_does_not_cover_is_not_answered_from_Cambodian_law(string question)
    {
        var anyEntry = KnowledgeIndex.Build(TestKnowledge.Base.Current.Content, ranking: RankingOptions.Default with { OnlyMigrationElsewhere = false }, meaning: EnglishMeaning.Shared);

        Assert.Equal(SearchOutcome.DontKnow, TestKnowledge.Base.Current.Index.Search(question).Outcome);
        Assert.NotEqual(SearchOutcome.DontKnow, anyEntry.Search(question).Outcome);
    }

    [Theory]
    [InlineData("an agency wants to send me to work in Dubai, how do I know it is licensed", "licensed-agency")] // going abroad holds anywhere
    [InlineData("my Chinese supervisor shouts at me every day", "violence-at-work")]                           // a nationality is not a country
    public void Going_abroad_is_answered_for_any_country_and_a_nationality_is_not_a_country(string question, string entry) =>
        Assert.Equal(entry, TestKnowledge.Base.Current.Index.Search(question).Shown[0].EntryId);

    [Fact]
    public void An_emergency_is_answered_with_the_numbers_even_when_the_question_is_a_story()
    {
        const string question = "ម្សិលមិញមានមនុស្សវាយគ្នានៅមុខបន្ទប់ជួលខ្ញុំ ខ្ញុំភ័យណាស់ ករណីបន្ទាន់បែបនេះហៅលេខអី";

        Assert.Equal("emergency-numbers", TestKnowledge.Base.Current.Index.Search(question).Shown.FirstOrDefault()?.EntryId);
    }

    [Fact]
    public void An_English_question_is_matched_by_what_it_means_not_only_by_its_words()
    {
        const string question = "who looks after the money I saved for old age";
        var wordsOnly = KnowledgeIndex.Build(TestKnowledge.Base.Current.Content);

        var meant = TestKnowledge.Base.Current.Index.Search(question);

        Assert.NotEqual(SearchOutcome.DontKnow, meant.Outcome);
        Assert.Equal("nssf-pension", meant.Shown[0].EntryId);
        Assert.Equal(SearchOutcome.DontKnow, wordsOnly.Search(question).Outcome);
    }

    [Theory]
    [InlineData("ប្រាក់ឈ្នួលអប្បបរមាឆ្នាំ២០២៦ប៉ុន្មាន")]
    [InlineData("thaokae min bek luy khae 2 khae hz")]
    public void Khmer_and_romanized_questions_are_searched_by_their_words_alone(string question)
    {
        var wordsOnly = KnowledgeIndex.Build(TestKnowledge.Base.Current.Content);

        Assert.Equal(wordsOnly.Rank(question), TestKnowledge.Base.Current.Index.Rank(question));
    }

    [Fact]
    public void What_a_question_means_is_not_kept()
    {
        var index = TestKnowledge.Base.Current.Index;
        var remembered = EnglishMeaning.Shared.Remembered;

        index.Search("my supervisor keeps shouting at the new girls on my line");

        Assert.Equal(remembered, EnglishMeaning.Shared.Remembered);
    }

    [Fact]
    public void A_second_entry_within_the_margin_is_offered_beside_the_first_even_when_it_scores_below_the_choose_threshold()
    {
        var ranking = RankingOptions.Default;
        var first = ranking.ChooseThreshold + 0.02;
        var second = first - (ranking.Margin * 0.9);

        var decided = KnowledgeIndex.Decide([new("first", first), new("second", second), new("far", 0.05)], ranking);

        Assert.True(second < ranking.ChooseThreshold);
        Assert.Equal(SearchOutcome.Choose, decided.Outcome);
        Assert.Equal(["first", "second"], decided.Shown.Select(h => h.EntryId));
    }

    [Theory]
    [InlineData("my boss keeps shouting at me", true)]
    [InlineData("ថៅកែមិនព្រមបើកលុយខែ", true)]
    [InlineData("thaokae rot bat, ot ban luy khae", true)]
    [InlineData("the agency in poipet wants 300 dollars", true)]
    [InlineData("how much does a police officer earn in france", false)]
    [InlineData("ប្រាក់ខែប៉ូលិសនៅបារាំងប៉ុន្មាន", false)]
    [InlineData("which hospital in phnom penh is cheapest", false)]
    public void A_question_speaks_of_work_when_it_names_a_side_of_the_work_relationship(string question, bool speaksOfWork) =>
        Assert.Equal(speaksOfWork, TestKnowledge.Base.Current.Index.SpeaksOfWork(question));

    [Theory]
    [InlineData("ថៅកែកាត់លុយខែខ្ញុំ", "c:card")] // កាត់ (cut) is not កាត (card)
    [InlineData("ខ្ញុំធ្វើការរោងចក្រ", "c:overtime")] // ធ្វើ (to do) alone is not overtime
    public void A_Khmer_synonym_is_found_only_as_whole_syllables(string text, string absent) =>
        Assert.DoesNotContain(absent, new TextAnalyzer().Terms(text));

    [Theory]
    [InlineData("កាត បសស ខ្ញុំបាត់", "c:card")]
    [InlineData("ធ្វើOTយប់", "c:overtime")]
    public void A_Khmer_synonym_is_found_where_it_is_written(string text, string present) =>
        Assert.Contains(present, new TextAnalyzer().Terms(text));

    [Fact]
    public void A_question_that_names_a_country_but_not_work_is_not_answered_by_the_country_alone()
    {
        const string holiday = "best time to visit japan";
        var index = TestKnowledge.Base.Current.Index;
        var withoutRule = KnowledgeIndex.Build(TestKnowledge.Base.Current.Content, ranking: RankingOptions.Default with { PlaceShare = 0 });

        Assert.Equal(SearchOutcome.DontKnow, index.Search(holiday).Outcome);
        Assert.Equal(["work-japan"], withoutRule.Search(holiday).Shown.Select(h => h.EntryId));
        Assert.Equal(["work-korea"], index.Search("how do i go to work in korea legally").Shown.Select(h => h.EntryId));
    }

    [Theory]
    [InlineData("best time to visit Japan", "best time to visit  ")]
    [InlineData("ម៉ាឡេស៊ីមានកន្លែងដើរលេងណាខ្លះ", " មានកន្លែងដើរលេងណាខ្លះ")]
    [InlineData("minimum wage in thailand for thai people", "minimum wage in   for   people")]
    public void Places_are_taken_out_of_a_question(string question, string rest) =>
        Assert.Equal(rest, Places.Without(question));

    [Fact]
    public void A_question_without_a_place_has_nothing_taken_out() =>
        Assert.Null(Places.Without("my boss did not pay me"));

    [Fact]
    public void Online_alone_is_not_a_scam()
    {
        var analyzer = new TextAnalyzer();

        Assert.DoesNotContain("c:scam", analyzer.Terms("how can i check my nssf online"));
        Assert.Contains("c:scam", analyzer.Terms("they made my brother work in an online scam compound"));
    }

    [Theory]
    [InlineData("my boss hasnt paid me")]
    [InlineData("my boss hasn't paid me")]
    [InlineData("my boss has not paid me")]
    public void A_negation_is_read_the_same_with_or_without_its_apostrophe(string typed) =>
        Assert.Contains("c:unpaid", new TextAnalyzer().Terms(typed));

    [Fact]
    public void A_question_about_something_else_brings_words_the_content_never_uses() =>
        Assert.Equal(2.0 / 3, new Vocabulary(["What is the minimum wage for garment workers?"]).Coverage("minimum wage in vietnam", romanized: false), 3);

    [Fact]
    public void A_romanized_word_is_known_by_its_consonants_whatever_its_spelling() =>
        Assert.Equal(1.0, new Vocabulary(["thvoer kar mong bonthaem"]).Coverage("tver kar mong bontheam", romanized: true), 3);

    [Fact]
    public void The_evaluation_set_holds_the_floors()
    {
        var figures = HoldsAbstentionAndWrongAnswerFloors("evaluation.yaml", minimumCases: 200);

        // The floor issue 5 asks for; top-1 stands at 93.7 % now (8 December 2026, even half 93.7 %).
        Assert.True(figures.Top1 >= 0.90, $"top-1 {figures.Top1:P1} is below the 90 % floor of issue 5: {figures}");
    }

    [Fact]
    public void The_fresh_evaluation_set_holds_the_floors()
    {
        var figures = HoldsAbstentionAndWrongAnswerFloors("evaluation-fresh.yaml", minimumCases: 190);

        // On questions written without sight of the content search stands at 96.2 % (8 December 2026; held-out even half
        // 94.9 %; Khmer 98.9 %, romanized Khmer 94.1 %, English 91.2 %, was 70.6 % before English meaning). Raise this
        // floor with every gain the even half confirms.
        Assert.True(figures.Top1 >= 0.96, $"top-1 {figures.Top1:P1} fell below the 96 % it has reached: {figures}");
    }

    [Fact]
    public void The_blind_evaluation_set_holds_the_floors()
    {
        var figures = HoldsAbstentionAndWrongAnswerFloors("evaluation-blind.yaml", minimumCases: 200);

        // Written after search was tuned on the other two sets: its first reading, 86.0 % top-1 with 3.6 % wrong
        // answers, was how search did on wording nobody had tuned for. Now 91.3 % (held-out even half 90.7 %), with
        // 0.9 % wrong answers and 95.8 % abstention.
        Assert.True(figures.Top1 >= 0.90, $"top-1 {figures.Top1:P1} fell below the 90 % it has reached: {figures}");
    }

    [Fact]
    public void The_second_blind_set_holds_the_floors()
    {
        var figures = HoldsAbstentionAndWrongAnswerFloors("evaluation-blind-2.yaml", minimumCases: 240);

        // Written with more hard out-of-scope questions near the domain; its first reading was top-1 84.3 %,
        // abstention 83.6 %, wrong answers 5.0 %. Now 91.4 %, 90.9 %, 0.8 % (held-out even half 89.2 %, 88.9 %, 0.8 %):
        // a country alone no longer carries a question not about work, a country the content does not cover is not
        // answered from Cambodian law, English questions are matched by meaning, Khmer by five more variants an entry.
        Assert.True(figures.OutOfScope >= 50, "evaluation-blind-2.yaml has too few questions out of scope");
        Assert.True(figures.Top1 >= 0.90, $"top-1 {figures.Top1:P1} fell below the 90 % it has reached: {figures}");
    }

    [Fact]
    public void The_third_blind_set_does_not_fall_back()
    {
        // Written on 7 December 2026 by someone who saw only the entry titles and the labour facts: longer stories,
        // colloquial Khmer, near-domain questions from abroad. Its first reading, the honest measure of search on
        // wording nobody tuned for: top-1 83.2 %, abstention 89.1 %, wrong answers 3.7 % (Khmer 84.5 %, romanized
        // 76.3 %, English 86.5 %). Now 85.4 %, 89.1 %, 2.9 %: the 705 Khmer variants of 8 December and the thresholds
        // re-tuned for them answer one more question out of scope (a bank loan read as unpaid wages) and two fewer wrong.
        // Held here against falling back; tune on its odd half only.
        DoesNotFallBack("evaluation-blind-3.yaml", top1: 0.84, abstention: 0.89, wrongAnswers: 0.03);
    }

    [Fact]
    public void The_fourth_blind_set_does_not_fall_back()
    {
        // Written on 7 December 2026, after that day's changes, as the third was: its first reading is how search does
        // on wording nobody tuned for: top-1 81.6 %, abstention 85.5 %, wrong answers 4.6 % (Khmer 83.8 %, romanized
        // 86.5 %, English 70.3 %). Now 87.0 %, 90.9 %, 2.1 % (held-out even half 84.4 %), after the Khmer variants
        // and the thresholds re-tuned without it. Held here against falling back; tune on its odd half only.
        DoesNotFallBack("evaluation-blind-4.yaml", top1: 0.87, abstention: 0.90, wrongAnswers: 0.03);
    }

    [Fact]
    public void The_fifth_blind_set_does_not_fall_back()
    {
        // Written on 7 December 2026 by two helpers who saw only the entry titles and the labour facts, a third of it
        // stories and a third search-box short. First reading: top-1 77.3 %, abstention 96.4 %, wrong answers 5.0 %
        // (romanized 68.4 %). Now 80.5 %, 96.4 %, 3.3 % (held-out even half 79.3 %). Tune on its odd half only.
        DoesNotFallBack("evaluation-blind-5.yaml", top1: 0.80, abstention: 0.96, wrongAnswers: 0.034);
    }

    [Fact]
    public void The_sixth_blind_set_does_not_fall_back()
    {
        // Written on 8 December 2026 the same way (entry titles and labour facts only), read once before any change
        // and never tuned on: top-1 87.0 %, abstention 87.3 %, wrong answers 2.9 % (Khmer 88.2 %, romanized 81.6 %,
        // English 89.2 %). Keep it held out: it is the cleanest reading of how search does on new wording.
        DoesNotFallBack("evaluation-blind-6.yaml", top1: 0.87, abstention: 0.87, wrongAnswers: 0.03);
    }

    /// <summary>A blind set below issue 5's floors, held where it stands.</summary>
    private static void DoesNotFallBack(string file, double top1, double abstention, double wrongAnswers)
    {
        var (cases, figures) = Measure(file);

        Assert.True(cases.Count >= 240 && figures.OutOfScope >= 50, $"{file} is too small");
        Assert.True(figures.Top1 >= top1, $"top-1 {figures.Top1:P1} fell below what it has reached: {figures}");
        Assert.True(figures.Abstention >= abstention, $"correct abstention {figures.Abstention:P1} fell below what it has reached: {figures}");
        Assert.True(figures.WrongRate <= wrongAnswers, $"wrong answers {figures.WrongRate:P1} rose above where they stand: {figures}");
    }

    private static EvalFigures HoldsAbstentionAndWrongAnswerFloors(string file, int minimumCases)
    {
        var (cases, figures) = Measure(file);

        Assert.True(cases.Count >= minimumCases && figures.OutOfScope >= 30, $"{file} is too small");
        Assert.True(figures.Abstention >= 0.90, $"correct abstention {figures.Abstention:P1} is below 90 %: {figures}");
        Assert.True(figures.WrongRate <= 0.03, $"wrong answers {figures.WrongRate:P1} are above 3 %: {figures}");
        return figures;
    }

    /// <summary>Search's figures on one evaluation set beside the tests (reported in the test output too).</summary>
    private static (IReadOnlyList<EvalCase> Cases, EvalFigures Figures) Measure(string file)
    {
        var cases = Evaluation.Load(Path.Combine(AppContext.BaseDirectory, "Knowledge", file));
        var figures = Evaluation.Run(TestKnowledge.Base.Current.Index, cases).Figures;
        TestContext.Current.SendDiagnosticMessage($"{file}: {figures}");
        return (cases, figures);
    }
}
