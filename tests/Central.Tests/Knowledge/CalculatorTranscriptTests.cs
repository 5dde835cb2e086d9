using Central.Dialogs.Conversation;
using Central.Dialogs.Conversation.Menu;
using Central.Dialogs.Knowledge.Calculators;
using TestBot = Central.Tests.Conversation.Chat;

namespace Central.Tests.Knowledge;

/// <summary>The calculators, step by step as a worker types: bad numbers get a clear retry, Khmer digits count.</summary>
public sealed class CalculatorTranscriptTests : IAsyncDisposable
{
    private readonly TestBot _bot = TestKnowledge.NewBot();

    [Fact]
    public async Task Overtime_pay_from_an_answer_button_with_a_bad_number_and_Khmer_digits()
    {
        await _bot.SayAsync("សួស្តី");
        var answer = await _bot.SayAsync("ម៉ោងបន្ថែមគិតលុយយ៉ាងម៉េច ១៥០ភាគរយមែនទេ");
        Assert.Contains(Calculator.PayloadPrefix + OvertimeCalculator.DialogId, answer.Payloads);

        var wage = await _bot.TapAsync(Calculator.PayloadPrefix + OvertimeCalculator.DialogId, "គណនាម៉ោងបន្ថែម");
        var nonsense = await _bot.SayAsync("ច្រើន");
        var tooMuch = await _bot.SayAsync("៩០០០០");
        var day = await _bot.SayAsync("២១០");
        var night = await _bot.SayAsync("១០ ម៉ោង");
        var result = await _bot.SayAsync("៤");

        Assert.StartsWith("តើប្រាក់ខែគោលរបស់អ្នកប៉ុន្មានដុល្លារ", wage.Text, StringComparison.Ordinal);
        Assert.StartsWith("សូមវាយប្រាក់ខែរបស់អ្នកជាលេខដុល្លារ", nonsense.Text, StringComparison.Ordinal);
        Assert.StartsWith("ចំនួននេះមិនដូចប្រាក់ខែក្នុងមួយខែទេ", tooMuch.Text, StringComparison.Ordinal);
        Assert.StartsWith("តើអ្នកធ្វើម៉ោងបន្ថែមប៉ុន្មានម៉ោង", day.Text, StringComparison.Ordinal);
        Assert.StartsWith("ហើយម៉ោងបន្ថែមពេលយប់", night.Text, StringComparison.Ordinal);
        Assert.Contains("២១០ ដុល្លារ ÷ ២០៨ ម៉ោង = ១,០១ ដុល្លារ", result.Text, StringComparison.Ordinal);
        Assert.Contains("១០ ម៉ោង គិត ១៥០% = ១៥,១៤ ដុល្លារ", result.Text, StringComparison.Ordinal);
        Assert.Contains("៤ ម៉ោង គិត ២០០% = ៨,០៨ ដុល្លារ", result.Text, StringComparison.Ordinal);
        Assert.Contains("ប្រាក់ម៉ោងបន្ថែម៖ ប្រហែល ២៣,២២ ដុល្លារ", result.Text, StringComparison.Ordinal);
        Assert.Contains("មូលដ្ឋានច្បាប់៖ ច្បាប់ស្តីពីការងារ មាត្រា ១៣៩", result.Text, StringComparison.Ordinal);
        Assert.Contains("សេចក្តីជូនដំណឹងលេខ ០៤១/១១ (ប្រាក់អាហារ)", result.Text, StringComparison.Ordinal);
        Assert.Contains("បានពិនិត្យ ៧ ធ្នូ ២០២៦", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_wage_check_finds_a_wage_below_the_2026_minimum_and_offers_a_report()
    {
        await _bot.SayAsync("hello");

        await _bot.TapAsync(Calculator.PayloadPrefix + WageCheck.DialogId, "Is my wage enough?");
        await _bot.TapAsync("YES", "Yes");
        var years = await _bot.TapAsync("NO", "No");
        var bad = await _bot.SayAsync("99");
        await _bot.SayAsync("4");
        var result = await _bot.SayAsync("200 dollars");

        Assert.StartsWith("How many full years have you worked for this employer?", years.Text, StringComparison.Ordinal);
        Assert.StartsWith("Please type a number of years from 0 to 50.", bad.Text, StringComparison.Ordinal);
        Assert.StartsWith("Your base wage of $200 is below the 2026 minimum wage of $210: $10 short each month.", result.Text, StringComparison.Ordinal);
        Assert.Contains("- attendance bonus $10\n- transport or accommodation allowance $7\n- seniority bonus $5 (you are in year 5 of work)", result.Text, StringComparison.Ordinal);
        Assert.Contains("at least $232 a month", result.Text, StringComparison.Ordinal);
        Assert.Contains("Basis: MoLVT Prakas No. 214 (17 September 2025)", result.Text, StringComparison.Ordinal);
        Assert.Equal(MainMenu.ReportPayload, result.Payloads.First());
    }

    [Fact]
    public async Task The_wage_check_says_the_2026_probation_rate_is_not_confirmed()
    {
        await _bot.SayAsync("hello");

        await _bot.TapAsync(Calculator.PayloadPrefix + WageCheck.DialogId);
        await _bot.SayAsync("yes");
        var said = await _bot.SayAsync("yes");

        Assert.StartsWith("The 2026 minimum wage for workers on probation is not confirmed", said.Text, StringComparison.Ordinal);
        Assert.Contains(GlobalCommands.PersonPayload, said.Payloads);
    }

    [Fact]
    public async Task Annual_leave_earned_after_8_months_from_the_browse_menu()
    {
        await _bot.SayAsync("hello");
        await _bot.TapAsync(MainMenu.AskPayload);
        await _bot.TapAsync("BROWSE:MORE");
        var calculators = await _bot.TapAsync("TOPIC:calculators", "Calculators");

        await _bot.TapAsync(Calculator.PayloadPrefix + LeaveCalculator.DialogId, "Leave I have earned");
        var result = await _bot.SayAsync("8");

        Assert.StartsWith("What would you like to work out?", calculators.Text, StringComparison.Ordinal);
        Assert.Contains("After 8 months: 18 days a year for you now.", result.Text, StringComparison.Ordinal);
        Assert.Contains("you have earned about 12 days", result.Text, StringComparison.Ordinal);
        Assert.Contains("If your contract ends before that, your employer must pay you", result.Text, StringComparison.Ordinal);
        Assert.Contains("Basis: Labour Law arts 166–168", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seniority_payment_estimate_for_a_UDC_says_the_daily_wage_is_an_estimate()
    {
        await _bot.SayAsync("hello");

        await _bot.TapAsync(Calculator.PayloadPrefix + SeniorityCalculator.DialogId);
        await _bot.TapAsync("UDC", "No end date (UDC)");
        await _bot.SayAsync("260");
        var wrong = await _bot.SayAsync("9");
        var result = await _bot.SayAsync("3");

        Assert.StartsWith("Please type a number of months from 0 to 6.", wrong.Text, StringComparison.Ordinal);
        Assert.Contains("daily wage of about $10 ($260 ÷ 26 working days)", result.Text, StringComparison.Ordinal);
        Assert.Contains("each June: 7.5 days = about $75", result.Text, StringComparison.Ordinal);
        Assert.Contains("this half-year's share: 7 days = about $70", result.Text, StringComparison.Ordinal);
        Assert.Contains("The daily wage here is an estimate", result.Text, StringComparison.Ordinal);
        Assert.Contains("Basis: Labour Law art", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Severance_for_an_FDC_is_5_percent_of_the_wages()
    {
        await _bot.SayAsync("hello");

        await _bot.TapAsync(Calculator.PayloadPrefix + SeniorityCalculator.DialogId);
        await _bot.TapAsync("FDC");
        await _bot.SayAsync("210");
        var result = await _bot.SayAsync("12");

        Assert.Contains("$210 × 12 months = $2520 in wages, so at least $126", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switching_language_mid_calculator_asks_the_same_question_in_the_new_language()
    {
        await _bot.SayAsync("hello");
        await _bot.TapAsync(Calculator.PayloadPrefix + OvertimeCalculator.DialogId);
        await _bot.SayAsync("210");

        var switched = await _bot.TapAsync(GlobalCommands.LanguagePayload, "ខ្មែរ");
        var next = await _bot.SayAsync("០");
        var result = await _bot.SayAsync("2");

        Assert.StartsWith("តើអ្នកធ្វើម៉ោងបន្ថែមប៉ុន្មានម៉ោង", switched.Messages[1].Text, StringComparison.Ordinal);
        Assert.StartsWith("ហើយម៉ោងបន្ថែមពេលយប់", next.Text, StringComparison.Ordinal);
        Assert.Contains("ប្រាក់ម៉ោងបន្ថែម៖ ប្រហែល ៤,០៤ ដុល្លារ", result.Text, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync() => await _bot.DisposeAsync();
}
