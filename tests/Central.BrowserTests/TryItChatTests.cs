using Central.Tests.Hosting;
using Microsoft.Playwright;

namespace Central.BrowserTests;

/// <summary>The try-it chat as a newcomer meets it: no Facebook page, the same conversation core, in Chromium.</summary>
public sealed class TryItChatTests(Chromium chromium) : IAsyncLifetime
{
    private CentralApp _app = null!;
    private HttpClient _service = null!;

    public ValueTask InitializeAsync()
    {
        _app = new CentralApp();
        _service = _app.Start();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_newcomer_is_welcomed_in_Khmer_taps_English_and_reports_through_the_buttons()
    {
        var page = await chromium.NewPersonAsync(_service.BaseAddress!, phone: true);
        await page.GotoAsync("/");

        var bot = page.Locator("#log .msg.bot");
        await Assertions.Expect(bot.First).ToContainTextAsync("សួស្តី! នេះជាបូតជជែករបស់សង់ត្រាល់");
        await Assertions.Expect(page.Locator("#quick button")).ToHaveCountAsync(5);
        await page.Locator("#quick button", new() { HasText = "English" }).ClickAsync();
        await Assertions.Expect(bot.Last).ToHaveTextAsync("What would you like to do?");
        await page.Locator("#quick button", new() { HasText = "Report a problem" }).ClickAsync();
        await Assertions.Expect(bot.Last).ToContainTextAsync("What happened?");
        await page.Locator("#text").FillAsync("stop");
        await page.Locator("#send button").ClickAsync();
        await Assertions.Expect(bot.Last).ToHaveTextAsync("What would you like to do?");

        Assert.Contains(await page.Locator("#log .msg.me").AllInnerTextsAsync(), t => t == "English");
        Assert.Equal("", await Chromium.WiderThanTheScreenAsync(page));
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "TestResults", "try-it-phone.png") });
    }

    [Fact]
    public async Task A_question_typed_in_Latin_letters_as_Khmer_is_answered_in_Khmer_with_its_basis_and_date()
    {
        var page = await chromium.NewPersonAsync(_service.BaseAddress!, phone: true);
        await page.GotoAsync("/");
        var bot = page.Locator("#log .msg.bot");
        await Assertions.Expect(bot.First).ToContainTextAsync("សួស្តី!");

        // "Can a 15-year-old child work in a factory?", as a worker without a Khmer keyboard writes it.
        await page.Locator("#text").FillAsync("kmeng ayu 15 chnam ach chol twer ka rong chak ban te");
        await page.Locator("#send button").ClickAsync();

        await Assertions.Expect(bot.Last).ToContainTextAsync("បានពិនិត្យ");
        var answer = string.Join("\n", await bot.AllInnerTextsAsync());
        Assert.Contains("១៥", answer, StringComparison.Ordinal);
        Assert.Contains("មូលដ្ឋានច្បាប់", answer, StringComparison.Ordinal);
        Assert.Equal("", await Chromium.WiderThanTheScreenAsync(page));
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "TestResults", "try-it-romanized.png") });
    }

    public async ValueTask DisposeAsync()
    {
        _service.Dispose();
        await _app.DisposeAsync();
    }
}
