using Central.Data.Audit;
using Central.Data.Cases;
using Central.Data.Storage;
using Central.Dialogs.Cases.FollowUp;
using Central.Dialogs.Cases.Intake;
using Central.Dialogs.Conversation;
using Central.Dialogs.Conversation.Menu;
using Central.Dialogs.Conversation.Prompts;
using Central.Tests.Conversation;
using Central.Tests.Hosting;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Central.Tests.Cases;

/// <summary>After the report: checking it, adding to it, and deleting one's data.</summary>
public sealed class FollowUpTests : IAsyncLifetime
{
    private readonly Chat _chat = new();
    private GraphStandIn _files = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CaseStore Cases => _chat.Services.GetRequiredService<CaseStore>();

    public async ValueTask InitializeAsync() => _files = await GraphStandIn.StartAsync();

    [Fact]
    public async Task A_worker_sees_their_case_in_plain_words_and_adds_a_photo_to_it()
    {
        _files.Files["contract.jpg"] = ("image/jpeg", Evidence.Jpeg());
        var number = await ReportAsync();

        var status = await _chat.TapAsync(MainMenu.CasePayload, "ពិនិត្យករណី");
        var ask = await _chat.TapAsync(CheckCaseDialog.AddPayload, "បន្ថែមព័ត៌មាន");
        var note = await _chat.SayAsync("ថ្ងៃនេះថៅកែបានគំរាមបញ្ឈប់ខ្ញុំ");
        var photo = await _chat.SendAsync(new TurnAttachment(TurnAttachment.Image, _files.FileUrl("contract.jpg")));
        var done = await _chat.TapAsync(Questions.DonePayload, "រួចរាល់ ✓");

        Assert.StartsWith($"ករណី {number} រាយការណ៍នៅថ្ងៃ ១ ធ្នូ ២០២៦៖ បានទទួល — កំពុងរង់ចាំបុគ្គលិក។", status.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal(["បន្ថែមព័ត៌មាន", "ម៉ឺនុយ"], status.Titles);
        Assert.StartsWith("សូមផ្ញើអ្វីដែលអ្នកចង់បន្ថែម", ask.Messages[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("អរគុណ។", note.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal("បានទទួល៖ រូបថត។", photo.Messages[0].Text);
        Assert.Equal($"បានបន្ថែមទៅករណី {number} ហើយ។ បុគ្គលិកនឹងឃើញវា។", done.Messages[0].Text);
        var stored = await Cases.FindAsync(number, Ct);
        var events = await Cases.EventsAsync(stored!.Id, Ct);
        var added = Assert.Single(events, e => e.Action == "worker_added");
        Assert.Equal("ថ្ងៃនេះថៅកែបានគំរាមបញ្ឈប់ខ្ញុំ", System.Text.Json.JsonDocument.Parse(added.After!).RootElement.GetProperty("text").GetString());
        Assert.Single(await Cases.AttachmentsAsync(stored.Id, Ct));
    }

    [Fact]
    public async Task A_closed_case_is_shown_but_takes_nothing_more()
    {
        var number = await ReportAsync();
        var stored = (await Cases.FindAsync(number, Ct))!;
        await Cases.ChangeStatusAsync(stored.Id, stored.Version, CaseStatus.Resolved, "wages paid", "caseworker:1", Ct);

        var status = await _chat.TapAsync(MainMenu.CasePayload);

        Assert.Contains("បានដោះស្រាយរួច", status.Messages[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("ករណីនេះបានបញ្ចប់ហើយ", status.Messages[1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(CheckCaseDialog.AddPayload, status.Payloads);
    }

    [Fact]
    public async Task An_anonymous_case_is_found_with_its_number_and_code_typed_in_Khmer_digits_and_guessing_is_limited()
    {
        var opened = await Cases.OpenAsync(Some.WageComplaint() with { Anonymous = true, ContactId = null, ReporterName = null, Phone = null, FollowUpCode = "48213907" }, Ct);
        await _chat.SayAsync("hello");
        var khmerNumber = KhmerDigitsOf(opened.CaseNumber.ToLowerInvariant());

        var none = await _chat.TapAsync(MainMenu.CasePayload);
        await _chat.SayAsync(khmerNumber);
        var found = await _chat.SayAsync("៤៨២ ១៣៩ ០៧");

        Assert.StartsWith("I don't see a report from you in this chat.", none.Messages[0].Text, StringComparison.Ordinal);
        Assert.StartsWith($"Case {opened.CaseNumber}, reported on", found.Messages[0].Text, StringComparison.Ordinal);
        await _chat.SayAsync("menu");
        for (var i = 0; i < 5; i++)
        {
            await _chat.TapAsync(MainMenu.CasePayload);
            await _chat.SayAsync(opened.CaseNumber);
            var wrong = await _chat.SayAsync("11111111");
            Assert.StartsWith("I can't find a case with that number and code.", wrong.Messages[0].Text, StringComparison.Ordinal);
        }
        await _chat.TapAsync(MainMenu.CasePayload);
        var blocked = await _chat.TapAsync(MainMenu.CasePayload);
        Assert.Contains("Too many tries.", blocked.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_my_data_removes_what_identifies_the_worker_and_keeps_the_case_anonymous()
    {
        _files.Files["p.jpg"] = ("image/jpeg", Evidence.Jpeg());
        var number = await ReportAsync(phone: "012 345 678", photo: _files.FileUrl("p.jpg"));
        var before = (await Cases.FindAsync(number, Ct))!;
        var caseId = before.Id;

        var asked = await _chat.SayAsync("លុបទិន្នន័យរបស់ខ្ញុំ");
        var deleted = await _chat.TapAsync("YES", "បាទ/ចាស លុប");
        var after = await _chat.SayAsync("សួស្តី");

        Assert.StartsWith("ការនេះនឹងលុបឈ្មោះ លេខទូរសព្ទ", asked.Messages[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("រួចរាល់។ ទិន្នន័យផ្ទាល់ខ្លួនរបស់អ្នកត្រូវបានលុបចេញពីរបាយការណ៍ចំនួន ១", deleted.Messages[0].Text, StringComparison.Ordinal);
        var anonymised = (await Cases.FindAsync(number, Ct))!;
        Assert.True(anonymised.Anonymous);
        Assert.Null(anonymised.ContactId);
        Assert.Null(anonymised.Phone);
        Assert.Null(anonymised.ReporterName);
        Assert.Null(anonymised.Description);
        Assert.Equal(["unpaid_wages"], anonymised.Categories);
        Assert.Empty(await Cases.AttachmentsAsync(caseId, Ct));
        await using var db = await _chat.Services.GetRequiredService<Database>().OpenAsync(Ct);
        var old = new { id = before.ContactId };
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM transcript WHERE contact_id = @id", old));
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM contacts WHERE id = @id", old));
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM case_events WHERE action = 'opened' AND after_json IS NULL"));
        Assert.Contains(await _chat.Services.GetRequiredService<AuditLog>().RecentAsync(10, Ct), e => e.Action == "personal_data_deleted" && e.Subject == number);
        Assert.Equal("តើអ្នកចង់ធ្វើអ្វី?", after.Messages[^1].Text);
    }

    [Theory]
    [InlineData("សួស្តី", "ខ្ញុំចង់លុបទិន្នន័យរបស់ខ្ញុំចោល", "ការនេះនឹងលុប")]
    [InlineData("សួស្តី", "សូម លុប ទិន្នន័យ ខ្ញុំ ផង", "ការនេះនឹងលុប")]
    [InlineData("hello", "Please delete my data.", "This deletes")]
    [InlineData("hello", "i want to delete my data please", "This deletes")]
    public async Task Asking_politely_to_delete_is_the_same_as_the_command(string greeting, string typed, string confirm)
    {
        await _chat.SayAsync(greeting);

        var asked = await _chat.SayAsync(typed);

        Assert.StartsWith(confirm, asked.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal([ConfirmPrompt.Yes, ConfirmPrompt.No], asked.Payloads);
    }

    [Fact]
    public async Task Saying_no_to_deletion_deletes_nothing()
    {
        var number = await ReportAsync();

        await _chat.SayAsync("delete my data");
        var kept = await _chat.TapAsync("NO", "No, keep");

        Assert.Equal("យល់ព្រម គ្មានអ្វីត្រូវបានលុបទេ។", kept.Messages[0].Text);
        Assert.NotNull((await Cases.FindAsync(number, Ct))!.Description);
    }

    private async Task<string> ReportAsync(string? phone = null, string? photo = null)
    {
        await _chat.SayAsync("សួស្តី");
        await _chat.TapAsync(MainMenu.ReportPayload);
        await _chat.TapAsync("unpaid_wages");
        await _chat.TapAsync(Questions.DonePayload);
        await _chat.SayAsync("ស៊ិនហួ");
        await _chat.TapAsync("kandal");
        await _chat.TapAsync("garment");
        await _chat.TapAsync(StartedCodes.ThisWeek);
        await _chat.TapAsync("2");
        await _chat.SayAsync("ថៅកែបើកប្រាក់ខែយឺត");
        if (photo is not null)
        {
            await _chat.SendAsync(new TurnAttachment(TurnAttachment.Image, photo));
        }
        await _chat.TapAsync(Questions.DonePayload);
        await _chat.TapAsync("nobody");
        await _chat.TapAsync(phone is null ? FollowUps.Chat : FollowUps.Phone);
        if (phone is not null)
        {
            await _chat.SayAsync(phone);
        }
        await _chat.SayAsync("ចាន់ថា");
        await _chat.TapAsync("YES");
        var sent = await _chat.TapAsync(ComplaintDialog.SendPayload);
        return System.Text.RegularExpressions.Regex.Match(sent.Messages[0].Text, @"C-\d{4}-\d{5}").Value;
    }

    private static string KhmerDigitsOf(string text) => Central.Dialogs.Conversation.Localization.KhmerDigits.FromAscii(text);

    public async ValueTask DisposeAsync()
    {
        await _chat.DisposeAsync();
        await _files.DisposeAsync();
    }
}
