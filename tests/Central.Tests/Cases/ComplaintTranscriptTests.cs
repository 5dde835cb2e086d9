using Central.Data.Cases;
using Central.Dialogs.Cases.Intake;
using Central.Dialogs.Conversation;
using Central.Dialogs.Conversation.Menu;
using Central.Tests.Conversation;
using Central.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Central.Tests.Cases;

/// <summary>Complaint intake as a worker meets it, straight into the engine (the Messenger path has its own tests).</summary>
public sealed class ComplaintTranscriptTests : IAsyncLifetime
{
    private readonly Chat _bot = new();
    private GraphStandIn _files = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _files = await GraphStandIn.StartAsync();

    [Fact]
    public async Task A_Khmer_wage_complaint_gets_a_case_number_that_matches_the_stored_urgent_case()
    {
        _files.Files["payslip.jpg"] = ("image/jpeg", Evidence.Jpeg());
        await _bot.SayAsync("សួស្តី");

        await Expect(_bot.TapAsync(MainMenu.ReportPayload, "រាយការណ៍បញ្ហា"), "មានបញ្ហាអ្វីកើតឡើង?", "មិនបើកប្រាក់ខែ");
        await Expect(_bot.TapAsync("unpaid_wages", "មិនបើកប្រាក់ខែ"), "មានបញ្ហាផ្សេងទៀតទេ?", "រួចរាល់ ✓");
        await Expect(_bot.TapAsync(Questions.DonePayload, "រួចរាល់ ✓"), "តើនិយោជក ឬរោងចក្រឈ្មោះអ្វី?", "មិនដឹង");
        await Expect(_bot.SayAsync("រោងចក្រកាត់ដេរ ស៊ិនហួ"), "កន្លែងធ្វើការនៅឯណា?", "បន្ទាយមានជ័យ");
        await Expect(_bot.SayAsync("កណ្ដាល"), "ជាការងារប្រភេទអ្វី?", "កាត់ដេរ/វាយនភណ្ឌ");
        await Expect(_bot.TapAsync("garment", "កាត់ដេរ/វាយនភណ្ឌ"), "បញ្ហានេះចាប់ផ្តើមនៅពេលណា?", "លើសពី ២ ខែមុន");
        await Expect(_bot.TapAsync(StartedCodes.OverTwoMonths, "លើសពី ២ ខែមុន"), "មានកម្មករប៉ុន្មាននាក់", "តែខ្ញុំម្នាក់");
        await Expect(_bot.SayAsync("១២០នាក់"), "សូមប្រាប់យើងពីអ្វីដែលបានកើតឡើង", "សួរសំណួរ");
        await Expect(_bot.SayAsync("ថៅកែមិនបើកប្រាក់ខែ ២ខែហើយ"), "អរគុណ។ អ្នកអាចផ្ញើបន្ថែមទៀត", "រួចរាល់ ✓");
        var photo = await _bot.SendAsync(new TurnAttachment(TurnAttachment.Image, _files.FileUrl("payslip.jpg")));
        Assert.Equal("បានទទួល៖ រូបថត។", photo.Messages[0].Text);
        await Expect(_bot.TapAsync(Questions.DonePayload, "រួចរាល់ ✓"), "តើសហជីព ឬអ្នកផ្សេងទៀត ដឹងពីបញ្ហានេះហើយឬនៅ?", "សហជីព");
        await Expect(_bot.TapAsync("union", "សហជីព"), "តើចង់ឲ្យបុគ្គលិកទាក់ទងអ្នកតាមរបៀបណា?", "មិនបញ្ចេញឈ្មោះ");
        await Expect(_bot.TapAsync(FollowUps.Chat, "តាមការជជែកនេះ"), "តើបុគ្គលិកគួរហៅអ្នកថាអ្វី?", "រំលង");
        await Expect(_bot.TapAsync(Questions.SkipPayload, "រំលង"), "តើអ្នកយល់ព្រមឲ្យសង់ត្រាល់រក្សាទុករបាយការណ៍នេះ", "បាទ/ចាស យល់ព្រម");
        var summary = await _bot.TapAsync("YES", "បាទ/ចាស យល់ព្រម");
        Assert.Contains("• និយោជក៖ រោងចក្រកាត់ដេរ ស៊ិនហួ", summary.Text, StringComparison.Ordinal);
        Assert.Contains("• ទីកន្លែង៖ កណ្ដាល", summary.Text, StringComparison.Ordinal);
        Assert.Contains("• កម្មកររងផលប៉ះពាល់៖ ១២០", summary.Text, StringComparison.Ordinal);
        Assert.Contains("• ឯកសារ៖ ១", summary.Text, StringComparison.Ordinal);
        Assert.Equal(["ផ្ញើរបាយការណ៍ ✓", "កែប្រែ"], summary.Titles);

        var sent = await _bot.TapAsync("SEND", "ផ្ញើរបាយការណ៍ ✓");

        var number = System.Text.RegularExpressions.Regex.Match(sent.Messages[0].Text, @"C-\d{4}-\d{5}").Value;
        Assert.StartsWith("របាយការណ៍របស់អ្នកត្រូវបានផ្ញើហើយ។ លេខករណីរបស់អ្នកគឺ C-", sent.Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains(sent.Messages, m => m.Text.StartsWith("យើងចាត់ទុកករណីនេះជាករណីបន្ទាន់", StringComparison.Ordinal));
        Assert.Contains(sent.Messages, m => m.Text.Contains("ឆ្លើយអ្នកនៅទីនេះ", StringComparison.Ordinal));
        var stored = await _bot.Services.GetRequiredService<CaseStore>().FindAsync(number, Ct);
        Assert.NotNull(stored);
        Assert.Equal(["unpaid_wages"], stored.Categories);
        Assert.Equal("រោងចក្រកាត់ដេរ ស៊ិនហួ", stored.Employer);
        Assert.Equal("ស៊ិនហួ", stored.EmployerKey);
        Assert.Equal("kandal", stored.Province);
        Assert.Equal("garment", stored.Sector);
        Assert.Equal(120, stored.WorkersAffected);
        Assert.Equal("ថៅកែមិនបើកប្រាក់ខែ ២ខែហើយ", stored.Description);
        Assert.True(stored.Urgent);
        Assert.Contains("months_unpaid", stored.UrgencyReasons);
        Assert.True(stored.Consent);
        Assert.False(stored.Anonymous);
        Assert.Equal("km", stored.Language);
        Assert.NotNull(stored.ContactId);
        var file = Assert.Single(await _bot.Services.GetRequiredService<CaseStore>().AttachmentsAsync(stored.Id, Ct));
        Assert.Equal("image/jpeg", file.ContentType);
        Assert.Equal(_files.Files["payslip.jpg"].Bytes, (await _bot.Services.GetRequiredService<CaseStore>().AttachmentContentAsync(stored.Id, file.Id, Ct))!.Value.Content);
    }

    private static async Task Expect(Task<Said> turn, string startsWith, string button)
    {
        var said = await turn;
        Assert.True(said.Messages.Any(m => m.Text.Contains(startsWith, StringComparison.Ordinal)), $"Expected \"{startsWith}\", got:\n{said.Text}");
        Assert.True(said.Titles.Contains(button), $"Expected a \"{button}\" button, got: {string.Join(" | ", said.Titles)}");
    }

    public async ValueTask DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _files.DisposeAsync();
    }
}
