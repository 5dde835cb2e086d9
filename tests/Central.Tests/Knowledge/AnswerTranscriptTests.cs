using Central.Dialogs.Conversation;
using Central.Dialogs.Conversation.Menu;
using Central.Dialogs.Knowledge;
using Central.Dialogs.Knowledge.Calculators;
using TestBot = Central.Tests.Conversation.Chat;

namespace Central.Tests.Knowledge;

/// <summary>Questions asked on Messenger, as a worker sees the answers: Khmer and English, sourced and dated.</summary>
public sealed class AnswerTranscriptTests : IAsyncDisposable
{
    private readonly TestBot _bot = TestKnowledge.NewBot();

    [Fact]
    public async Task The_2026_minimum_wage_in_Khmer_comes_with_its_bonuses_its_legal_basis_and_the_review_date()
    {
        await _bot.SayAsync("សួស្តី");

        var said = await _bot.SayAsync("ប្រាក់ឈ្នួលអប្បបរមាឆ្នាំ២០២៦ប៉ុន្មាន?");

        Assert.Single(said.Messages);
        Assert.Contains("២១០ ដុល្លារ", said.Text, StringComparison.Ordinal);
        Assert.Contains("ប្រាក់រង្វាន់ការងារទៀងទាត់ ១០ ដុល្លារ", said.Text, StringComparison.Ordinal);
        Assert.Contains("៧ ដុល្លារ", said.Text, StringComparison.Ordinal);
        Assert.Contains("មូលដ្ឋានច្បាប់៖ ប្រកាសក្រសួងការងារ លេខ ២១៤ (១៧ កញ្ញា ២០២៥)", said.Text, StringComparison.Ordinal);
        Assert.EndsWith("បានពិនិត្យ ១ ធ្នូ ២០២៦", said.Text, StringComparison.Ordinal);
        Assert.Equal(MainMenu.ReportPayload, said.Payloads.First());
        Assert.Contains("KB:gtf-bonuses", said.Payloads);
        Assert.Contains(GlobalCommands.PersonPayload, said.Payloads);
        Assert.Contains(Calculator.PayloadPrefix + WageCheck.DialogId, said.Payloads);
    }

    [Fact]
    public async Task The_same_question_in_English_gets_the_English_answer()
    {
        await _bot.SayAsync("hello");

        var said = await _bot.SayAsync("What is the minimum wage in 2026?");

        Assert.Contains("$210 a month", said.Text, StringComparison.Ordinal);
        Assert.Contains("attendance bonus of $10", said.Text, StringComparison.Ordinal);
        Assert.Contains("Basis: MoLVT Prakas No. 214 (17 September 2025)", said.Text, StringComparison.Ordinal);
        Assert.EndsWith("Reviewed 1 December 2026", said.Text, StringComparison.Ordinal);
        Assert.Equal("Report a problem", said.Titles.First());
    }

    [Fact]
    public async Task A_question_typed_in_Latin_letters_as_Khmer_is_answered_in_Khmer()
    {
        var welcome = await _bot.SayAsync("sousdey bong");
        Assert.StartsWith("សួស្តី!", welcome.Text, StringComparison.Ordinal);

        // "My team leader insults me every day, what should I do?" as workers type Khmer on a phone without a Khmer keyboard.
        var said = await _bot.SayAsync("protean krom chher knhom rol thngai, knhom trov twer mech");

        Assert.StartsWith("បើអ្នកកំពុងមានគ្រោះថ្នាក់", said.Text, StringComparison.Ordinal);
        Assert.Contains("បានពិនិត្យ", said.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hello", "how to cook fried rice", "Sorry, I don't know", "Talk to a person")]
    [InlineData("សួស្តី", "ធ្វើសម្លម្ជូរយ៉ាងម៉េចឲ្យឆ្ងាញ់", "សូមអភ័យទោស ខ្ញុំមិនដឹង", "និយាយជាមួយបុគ្គលិក")]
    public async Task An_unrelated_question_gets_an_honest_I_dont_know_with_a_way_to_a_person(string greeting, string question, string expected, string person)
    {
        await _bot.SayAsync(greeting);

        var said = await _bot.SayAsync(question);

        Assert.StartsWith(expected, said.Text, StringComparison.Ordinal);
        Assert.Equal(person, said.Titles.First());
        Assert.Contains(MainMenu.ReportPayload, said.Payloads);
    }

    [Theory]
    [InlineData("សួស្តី បង", "តើអ្នកចង់ធ្វើអ្វី?")]
    [InlineData("hello sir", "What would you like to do?")]
    public async Task A_greeting_with_a_polite_word_gets_the_menu_not_an_answer(string greeting, string expected)
    {
        await _bot.SayAsync(greeting);

        var said = await _bot.SayAsync(greeting);

        Assert.Equal(expected, said.Text);
        Assert.Contains(MainMenu.AskPayload, said.Payloads);
    }

    [Fact]
    public async Task Close_candidates_are_offered_as_choices_and_a_tap_gives_that_answer()
    {
        await _bot.SayAsync("hello");

        var asked = await _bot.SayAsync("maternity pay");
        var second = asked.Payloads.ElementAt(1);
        var chosen = await _bot.TapAsync(second, asked.Titles.ElementAt(1));

        Assert.StartsWith("I found more than one answer. Which one do you mean?\n1. Maternity pay: 50% + 70%\n2. ", asked.Text, StringComparison.Ordinal);
        Assert.InRange(asked.Buttons.Count, 3, 4); // two or three close answers and "None of these"
        Assert.Equal("KB:maternity-pay", asked.Payloads.First());
        Assert.Equal(AnswerMessage.NonePayload, asked.Payloads.Last());
        var entry = TestKnowledge.Base.Content.Find(AnswerMessage.EntryIdOf(second)!)!;
        Assert.Equal("maternity", entry.Topic);
        Assert.StartsWith(entry.Answer.En[..40], chosen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_that_does_not_clearly_lead_offers_the_next_entry_as_a_button()
    {
        await _bot.SayAsync("hello");

        var answered = await _bot.SayAsync("how much is maternity pay from nssf");
        var next = await _bot.TapAsync(AnswerMessage.PayloadOf("maternity-pay"), "Maternity pay: 50% + 70%");

        var nssf = TestKnowledge.Base.Content.Find("maternity-pay-nssf")!;
        var other = TestKnowledge.Base.Content.Find("maternity-pay")!;
        Assert.DoesNotContain("maternity-pay", nssf.FollowUps);
        Assert.StartsWith(nssf.Answer.En[..40], answered.Text, StringComparison.Ordinal);
        Assert.Contains(AnswerMessage.PayloadOf("maternity-pay"), answered.Payloads);
        Assert.StartsWith(other.Answer.En[..40], next.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_that_leads_clearly_offers_only_its_follow_ups()
    {
        await _bot.SayAsync("hello");

        var answered = await _bot.SayAsync("what is the minimum wage in 2026?");

        var entry = TestKnowledge.Base.Content.Find("minimum-wage-2026")!;
        Assert.StartsWith(entry.Answer.En[..40], answered.Text, StringComparison.Ordinal);
        Assert.Equal(AnswerMessage.Buttons(entry, TestKnowledge.Base.Content).Select(b => b.Payload), answered.Payloads);
    }

    [Fact]
    public async Task Choices_in_Khmer_are_numbered_with_Khmer_digits_and_none_of_these_is_honest()
    {
        await _bot.SayAsync("សួស្តី");

        var asked = await _bot.SayAsync("ប្រាក់អតីតភាព");
        var none = await _bot.TapAsync(AnswerMessage.NonePayload, "មិនមែនទាំងនេះទេ");

        Assert.Contains("\n១. ", asked.Text, StringComparison.Ordinal);
        Assert.Equal("មិនមែនទាំងនេះទេ", asked.Titles.Last());
        Assert.StartsWith("សូមអភ័យទោស", none.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Browsing_goes_from_topics_to_questions_to_the_answer_in_Khmer()
    {
        await _bot.SayAsync("សួស្តី");

        var topics = await _bot.TapAsync(MainMenu.AskPayload, "សួរអំពីសិទ្ធិ");
        var more = await _bot.TapAsync("BROWSE:MORE", "ច្រើនទៀត ▸");
        var questions = await _bot.TapAsync("TOPIC:wages", "ប្រាក់ឈ្នួល");
        var answer = await _bot.TapAsync("KB:gtf-bonuses", "ប្រាក់រង្វាន់ និងប្រាក់ឧបត្ថម្ភ");

        Assert.StartsWith("សូមជ្រើសរើសប្រធានបទ៖\n១. ប្រាក់ឈ្នួល", topics.Text, StringComparison.Ordinal);
        Assert.Equal(11, topics.Buttons.Count); // 10 a page, then More
        Assert.Contains("TOPIC:calculators", more.Payloads);
        Assert.StartsWith("សូមជ្រើសរើសសំណួរ៖\n១. ប្រាក់ឈ្នួលអប្បបរមា ២០២៦", questions.Text, StringComparison.Ordinal);
        Assert.Contains("ប្រាក់ឧបត្ថម្ភថ្លៃធ្វើដំណើរ ឬថ្លៃស្នាក់នៅ ៧ ដុល្លារ", answer.Text, StringComparison.Ordinal);
        Assert.Equal(MainMenu.ReportPayload, answer.Payloads.First());
    }

    [Fact]
    public async Task Browsing_in_English_by_typed_numbers_and_a_question_typed_while_browsing_is_answered()
    {
        await _bot.SayAsync("hello");
        await _bot.TapAsync(MainMenu.AskPayload, "Ask about my rights");

        var questions = await _bot.SayAsync("13");
        var answer = await _bot.SayAsync("1");
        await _bot.TapAsync(MainMenu.AskPayload, "Ask about my rights");
        var typed = await _bot.SayAsync("how many days of maternity leave do I get?");

        Assert.StartsWith("Choose a question:\n1. Who must register with NSSF", questions.Text, StringComparison.Ordinal);
        Assert.StartsWith("Every employer with 1 or more workers must register with the NSSF", answer.Text, StringComparison.Ordinal);
        Assert.StartsWith("You have the right to 90 days of maternity leave", typed.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("សួស្តី", "ថៅកែអាចដឹងទេថាខ្ញុំសរសេរមកទីនេះ", "លុបទិន្នន័យរបស់ខ្ញុំ", "ការនេះនឹងលុប")]
    [InlineData("hello", "how do I delete my data?", "Delete my data", "This deletes")]
    public async Task The_privacy_answer_offers_deletion_as_a_button_that_asks_before_deleting(string greeting, string question, string button, string confirm)
    {
        await _bot.SayAsync(greeting);

        var answer = await _bot.SayAsync(question);
        var asked = await _bot.TapAsync(GlobalCommands.DeletePayload, button);

        Assert.Contains(button, answer.Titles);
        Assert.StartsWith(confirm, asked.Messages[0].Text, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync() => await _bot.DisposeAsync();
}
