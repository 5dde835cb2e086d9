using Central.Data.Contacts;
using Central.Dialogs.Conversation;
using Central.Dialogs.Conversation.Localization;
using Central.Dialogs.Conversation.Menu;
using Microsoft.Extensions.DependencyInjection;

namespace Central.Tests.Conversation;

/// <summary>Welcome, main menu and the global commands, as a worker meets them, in Khmer and in English.</summary>
public sealed class MenuTranscriptTests : IAsyncLifetime
{
    private readonly Chat _bot = new();

    [Fact]
    public async Task A_first_message_in_Khmer_gets_the_Khmer_welcome_privacy_note_and_menu()
    {
        var said = await _bot.SayAsync("សួស្តី");

        Assert.StartsWith("សួស្តី! នេះជាបូតជជែករបស់សង់ត្រាល់", said.Messages[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("ឯកជនភាពរបស់អ្នក", said.Messages[1].Text, StringComparison.Ordinal);
        Assert.Equal("តើអ្នកចង់ធ្វើអ្វី?", said.Messages[2].Text);
        Assert.Equal(["សួរអំពីសិទ្ធិ", "រាយការណ៍បញ្ហា", "ពិនិត្យករណី", "និយាយជាមួយបុគ្គលិក", "English"], said.Titles);
    }

    [Fact]
    public async Task A_first_message_in_English_gets_the_English_welcome()
    {
        var said = await _bot.SayAsync("hello");

        Assert.StartsWith("Hello! This is the chatbot of CENTRAL", said.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal(["Ask about my rights", "Report a problem", "Check my case", "Talk to a person", "ខ្មែរ"], said.Titles);
    }

    [Fact]
    public async Task Get_Started_with_nothing_typed_welcomes_in_Khmer_first()
    {
        var said = await _bot.StartAsync();

        Assert.StartsWith("សួស្តី!", said.Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("English", said.Titles);
    }

    [Fact]
    public async Task After_a_Khmer_welcome_with_nothing_typed_the_first_words_in_English_are_answered_in_English()
    {
        await _bot.StartAsync();

        var said = await _bot.SayAsync("hello");
        var later = await _bot.SayAsync("menu");

        Assert.Equal("What would you like to do?", said.Messages[^1].Text);
        Assert.Equal("What would you like to do?", later.Messages[^1].Text);
        var contact = await _bot.Services.GetRequiredService<ContactStore>().FindAsync("test", _bot.Psid, TestContext.Current.CancellationToken);
        Assert.Equal("en", contact!.Language);
    }

    [Fact]
    public async Task After_a_Khmer_welcome_a_first_Khmer_message_keeps_Khmer_and_digits_alone_decide_nothing()
    {
        await _bot.StartAsync();

        var digits = await _bot.SayAsync("123");
        var khmer = await _bot.SayAsync("ម៉ឺនុយ");
        var english = await _bot.SayAsync("menu");

        Assert.Equal(Language.Km, Languages.Detect(digits.Messages[^1].Text));
        Assert.All([khmer, english], said => Assert.Equal("តើអ្នកចង់ធ្វើអ្វី?", said.Messages[^1].Text));
    }

    [Fact]
    public async Task The_language_can_be_switched_with_the_button_and_is_remembered()
    {
        await _bot.SayAsync("សួស្តី");

        var switched = await _bot.TapAsync(GlobalCommands.LanguagePayload, "English");
        var menu = await _bot.SayAsync("menu");

        Assert.Equal("OK, I'll write in English from now on.", switched.Messages[0].Text);
        Assert.Equal("What would you like to do?", switched.Messages[1].Text);
        Assert.Equal("What would you like to do?", menu.Messages[0].Text);
        var contact = await _bot.Services.GetRequiredService<ContactStore>().FindAsync("test", _bot.Psid, TestContext.Current.CancellationToken);
        Assert.Equal("en", contact!.Language);
    }

    [Theory]
    [InlineData("ខ្មែរ", "យល់ព្រម! ចាប់ពីពេលនេះ ខ្ញុំនឹងសរសេរជាភាសាខ្មែរ។")]
    [InlineData("Khmer", "យល់ព្រម! ចាប់ពីពេលនេះ ខ្ញុំនឹងសរសេរជាភាសាខ្មែរ។")]
    [InlineData("english", "OK, I'll write in English from now on.")]
    public async Task Typing_a_language_name_switches_to_it(string typed, string expected)
    {
        await _bot.SayAsync("hi");

        var said = await _bot.SayAsync(typed);

        Assert.Equal(expected, said.Messages[0].Text);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("ជំនួយ")]
    public async Task Help_explains_what_the_bot_does_and_shows_the_menu_again(string typed)
    {
        await _bot.SayAsync("សួស្តី");

        var said = await _bot.SayAsync(typed);

        Assert.StartsWith("ខ្ញុំអាចឆ្លើយសំណួរអំពីច្បាប់ការងារ", said.Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains(MainMenu.ReportPayload, said.Payloads);
    }

    [Fact]
    public async Task Stop_says_so_once_and_shows_the_menu()
    {
        await _bot.SayAsync("hello");

        var said = await _bot.SayAsync("stop");

        Assert.Equal(["OK, I've stopped that.", "What would you like to do?"], said.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Talk_to_a_person_records_the_request_and_the_bot_goes_quiet_until_the_worker_comes_back()
    {
        await _bot.SayAsync("សួស្តី");

        var asked = await _bot.TapAsync(GlobalCommands.PersonPayload, "និយាយជាមួយបុគ្គលិក");
        var quiet = await _bot.SayAsync("ជួយខ្ញុំផង ថៅកែមិនបើកលុយ");
        var stillQuiet = await _bot.SayAsync("help");
        var back = await _bot.TapAsync(GlobalCommands.MenuPayload, "ម៉ឺនុយ");

        Assert.StartsWith("ខ្ញុំបានស្នើឲ្យបុគ្គលិកសង់ត្រាល់ឆ្លើយអ្នកនៅទីនេះ", asked.Text, StringComparison.Ordinal);
        Assert.Contains("១១៧", asked.Text, StringComparison.Ordinal);
        Assert.Empty(quiet.Messages);
        Assert.Empty(stillQuiet.Messages);
        Assert.Equal("អ្នកបានត្រឡប់មកបូតវិញហើយ។", back.Messages[0].Text);
        Assert.Contains(MainMenu.AskPayload, back.Payloads);
    }

    [Theory]
    [InlineData("សួស្តី", "ខ្ញុំចង់និយាយជាមួយបុគ្គលិកផង", "ខ្ញុំបានស្នើឲ្យបុគ្គលិកសង់ត្រាល់ឆ្លើយអ្នកនៅទីនេះ")]
    [InlineData("hello", "I want to talk to a person please", "I've asked")]
    public async Task Asking_politely_for_a_person_is_the_same_as_the_button(string greeting, string typed, string expected)
    {
        await _bot.SayAsync(greeting);

        var asked = await _bot.SayAsync(typed);

        Assert.StartsWith(expected, asked.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wanting_to_quit_a_job_is_not_the_stop_command()
    {
        await _bot.SayAsync("សួស្តី");

        var said = await _bot.SayAsync("ខ្ញុំចង់ឈប់");

        Assert.DoesNotContain("ខ្ញុំបានបញ្ឈប់", said.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_a_caseworker_has_the_chat_even_a_typed_menu_goes_to_them()
    {
        await _bot.SayAsync("hi");
        await _bot.TapAsync(GlobalCommands.PersonPayload);
        var contacts = _bot.Services.GetRequiredService<ContactStore>();
        var contact = await contacts.FindAsync("test", _bot.Psid, TestContext.Current.CancellationToken);
        var caseworker = await _bot.Services.GetRequiredService<Central.Data.Caseworkers.CaseworkerStore>()
            .AddAsync("dara@central.test", "Dara", "caseworker", "x", TestContext.Current.CancellationToken);
        await contacts.TakeOverAsync(contact!.Id, caseworker!.Value, TestContext.Current.CancellationToken);

        var said = await _bot.SayAsync("menu");

        Assert.Empty(said.Messages);
    }

    [Fact]
    public async Task Free_text_before_question_answering_exists_is_answered_honestly()
    {
        await _bot.SayAsync("hi");

        var said = await _bot.SayAsync("what is the minimum wage?");

        Assert.Contains("can't answer typed questions yet", said.Text, StringComparison.Ordinal);
        Assert.Contains(GlobalCommands.PersonPayload, said.Payloads);
    }

    [Theory]
    [InlineData("นายจ้างไม่จ่ายเงินเดือน")]
    [InlineData("사장님이 월급을 안 줘요")]
    [InlineData("Chủ không trả lương cho tôi")]
    public async Task A_message_in_another_language_is_told_in_both_languages_which_ones_the_bot_reads(string text)
    {
        await _bot.SayAsync("hello");

        var said = await _bot.SayAsync(text);

        Assert.StartsWith("ខ្ញុំយល់តែភាសាខ្មែរ និងភាសាអង់គ្លេសប៉ុណ្ណោះ។", said.Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("I understand only Khmer and English.", said.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal(["និយាយជាមួយបុគ្គលិក", "Talk to a person"], said.Titles);
        Assert.All(said.Payloads, p => Assert.Equal(GlobalCommands.PersonPayload, p));
    }

    [Theory]
    [InlineData("luy khae kol chnam 2026 ponman", "km")]
    [InlineData("bong knhom chong sour pi OT", "km")]
    [InlineData("thaokae ot ban oy luy khae", "km")]
    [InlineData("hello", "en")]
    [InlineData("what is the minimum wage 2026?", "en")]
    [InlineData("my boss not pay me 2 month", "en")]
    [InlineData("I work OT every day, is it legal", "en")]
    [InlineData("min wage 2026", "en")]
    public void Khmer_typed_in_Latin_letters_is_read_as_Khmer_and_English_as_English(string text, string expected) =>
        Assert.Equal(expected, Central.Dialogs.Conversation.Localization.Languages.Detect(text)?.Code());

    [Fact]
    public async Task After_the_Khmer_welcome_a_first_message_in_romanized_Khmer_keeps_Khmer()
    {
        await _bot.StartAsync();

        var said = await _bot.SayAsync("bong knhom chong sour");

        Assert.Equal(Language.Km, Languages.Detect(said.Messages[^1].Text));
    }

    [Theory]
    [InlineData("prak khae ponman")]
    [InlineData("ប្រាក់ខែ OT ប៉ុន្មាន?")]
    [InlineData("gaji minimum")]
    public void Romanized_Khmer_mixed_text_and_Latin_script_languages_are_not_mistaken_for_a_foreign_script(string text) =>
        Assert.False(Central.Dialogs.Conversation.Localization.Languages.IsOtherLanguage(text));

    [Fact]
    public async Task The_same_turn_processed_twice_gives_the_same_replies_without_running_again()
    {
        var turn = new Turn { Id = "dup-1", Channel = "test", UserId = _bot.Psid, Address = _bot.Psid, Text = "hello" };

        var first = await _bot.RunAsync(turn);
        var again = await _bot.RunAsync(turn);

        Assert.Equal(first.Messages.Select(m => (m.Text, string.Join('|', m.QuickReplies))), again.Messages.Select(m => (m.Text, string.Join('|', m.QuickReplies))));
        var transcript = await _bot.Services.GetRequiredService<TranscriptStore>().RecentAsync(1, 100, TestContext.Current.CancellationToken);
        Assert.Single(transcript, l => l.Direction == TranscriptStore.In);
    }

    [Fact]
    public async Task An_update_held_while_the_worker_was_away_comes_first_in_the_next_reply_and_only_once()
    {
        var first = await _bot.SayAsync("hi");
        var contact = await _bot.Services.GetRequiredService<ContactStore>().FindAsync("test", _bot.Psid, TestContext.Current.CancellationToken);
        await _bot.Services.GetRequiredService<WorkerUpdateStore>().HoldAsync(contact!.Id, null, "Your case C-2026-00001 is now: resolved", TestContext.Current.CancellationToken);

        var next = await _bot.SayAsync("menu");
        var after = await _bot.SayAsync("menu");

        Assert.NotEmpty(first.Messages);
        Assert.Equal("Your case C-2026-00001 is now: resolved", next.Messages[0].Text);
        Assert.Equal("What would you like to do?", next.Messages[1].Text);
        Assert.DoesNotContain(after.Messages, m => m.Text.StartsWith("Your case", StringComparison.Ordinal));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _bot.DisposeAsync();
}
