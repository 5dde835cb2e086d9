using Central.Dialogs.Knowledge.Search;

namespace Central.Tests.Knowledge;

public sealed class RomanizedKhmerTests
{
    private static readonly RomanizedKhmer Lexicon = new(RomanizedKhmer.Parse("""
        # Khmer, then the ways workers spell it
        ថៅកែ	thao kae | thaokae | tao kae
        លុយខែ	luy khae | luykhae
        លុយ	luy | lui
        ខែ	khae | kae
        អត់	ot
        បើក	bek | baek
        """));

    [Fact]
    public void A_romanized_sentence_reads_back_in_Khmer_phrase_by_phrase_longest_first()
    {
        Assert.Equal("ថៅកែ អត់ បើក លុយខែ", Lexicon.ToKhmer("Thao kae ot bek luy khae"));
        Assert.Equal("ថៅកែ អត់ បើក លុយខែ", Lexicon.ToKhmer("thaokae ot baek luykhae"));
    }

    [Fact]
    public void Words_the_lexicon_does_not_know_stay_as_they_were()
    {
        Assert.Equal("ថៅកែ keep my passport 3 ខែ", Lexicon.ToKhmer("tao kae keep my passport 3 khae"));
        Assert.Null(Lexicon.ToKhmer("where is the embassy"));
    }

    [Fact]
    public void A_spelling_a_letter_away_from_a_listed_one_is_read_as_it_unless_two_words_are_that_near()
    {
        var lexicon = new RomanizedKhmer(RomanizedKhmer.Parse("""
            អតីតភាព	atitaphiep | atitaphap
            ពលករ	polakor
            កម្មករ	kamkor
            កម្មការ	kamkar
            ខែ	khae
            """));

        Assert.Equal("អតីតភាព", lexicon.ToKhmer("atitaphep"));  // a vowel nobody listed
        Assert.Equal("ពលករ", lexicon.ToKhmer("pollakor"));       // a letter doubled
        Assert.Equal("kamkr ខែ", lexicon.ToKhmer("kamkr khae"));  // as near កម្មករ as កម្មការ: left as typed
        Assert.Equal("kha ខែ", lexicon.ToKhmer("kha khae"));      // too short to guess
    }

    [Fact]
    public void A_phrase_is_not_read_across_Khmer_letters_or_punctuation()
    {
        Assert.Equal("លុយ , ខែ", Lexicon.ToKhmer("luy, khae"));
        Assert.Equal("ថៅកែ ខ្ញុំ", Lexicon.ToKhmer("thao kae ខ្ញុំ"));
    }

    [Fact]
    public void The_shipped_lexicon_reads_a_workers_everyday_words()
    {
        var khmer = RomanizedKhmer.Default.ToKhmer("thao kae ot bek luy khae");
        Assert.NotNull(khmer);
        Assert.DoesNotMatch("[a-z]", khmer);
        Assert.Contains("ថៅកែ", khmer, StringComparison.Ordinal);
        Assert.Contains("បើក", khmer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ke min bek luy hz", "ហើយ")]             // chat shorthand
    [InlineData("yok tov ajnha kandal", "អាជ្ញាកណ្តាល")]  // j for ch
    [InlineData("kongtra ot kamnot", "មិនកំណត់")]        // ot, the spoken មិន
    public void The_shipped_lexicon_reads_the_spellings_of_chat(string typed, string khmer) =>
        Assert.Contains(khmer, RomanizedKhmer.Default.ToKhmer(typed), StringComparison.Ordinal);

    [Fact]
    public void Every_line_of_the_shipped_lexicon_is_Khmer_then_Latin_spellings_each_meaning_one_word()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "../../../../../Central.Dialogs/Knowledge/Search/romanized-khmer.tsv");
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var entries = RomanizedKhmer.Parse(string.Join('\n', lines)).ToList();

        Assert.Equal(lines.Count, entries.Count);
        Assert.All(lines, l => Assert.Matches(@"^[\u1780-\u17FF. ]+\t", l));
        Assert.All(entries.SelectMany(e => e.Spellings), s => Assert.Matches("^[a-z' ]+$", s));
        var shared = entries.SelectMany(e => e.Spellings.Select(s => (Spelling: s, e.Khmer))).GroupBy(p => p.Spelling)
            .Where(g => g.Select(p => p.Khmer).Distinct().Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(shared);
        Assert.True(RomanizedKhmer.Default.Spellings > 4000, $"{RomanizedKhmer.Default.Spellings} spellings");
    }
}
