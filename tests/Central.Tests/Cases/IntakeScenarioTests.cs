using Central.Data.Cases;
using Central.Data.Contacts;
using Central.Data.Storage;
using Central.Dialogs.Cases.Intake;
using Central.Dialogs.Conversation;
using Central.Dialogs.Conversation.Menu;
using Central.Tests.Conversation;
using Central.Tests.Hosting;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Central.Tests.Cases;

/// <summary>The other ways an intake goes: English, anonymous, refused, urgent, corrected, cancelled, left and resumed.</summary>
public sealed class IntakeScenarioTests : IAsyncLifetime
{
    private readonly Chat _chat = new();
    private GraphStandIn _files = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CaseStore Cases => _chat.Services.GetRequiredService<CaseStore>();

    public async ValueTask InitializeAsync() => _files = await GraphStandIn.StartAsync();

    [Fact]
    public async Task An_anonymous_English_report_gets_a_case_number_and_a_code_that_finds_it()
    {
        await _chat.SayAsync("hello");
        await AnswerUpToFollowUpAsync("dismissal", employer: "Golden Star Garment Co., Ltd.", place: "Phnom Penh", workers: "11");

        var anonymous = await _chat.TapAsync(FollowUps.Anonymous, "Stay anonymous");
        var summary = await _chat.TapAsync("YES", "Yes, I agree");
        var sent = await _chat.TapAsync(ComplaintDialog.SendPayload, "Send report ✓");

        Assert.StartsWith("OK — your report will not carry your name", anonymous.Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("Do you agree that CENTRAL keeps this report", anonymous.Text, StringComparison.Ordinal);
        Assert.Contains("• Follow-up: Stay anonymous", summary.Text, StringComparison.Ordinal);
        var number = Regex(sent.Messages[0].Text, @"C-\d{4}-\d{5}");
        var code = Regex(sent.Messages[1].Text, @"\b\d{8}\b");
        Assert.StartsWith("What happens next: CENTRAL's Protection Unit will read your report", sent.Messages[^1].Text, StringComparison.Ordinal);
        var stored = await Cases.FindWithFollowUpCodeAsync(number, code, Ct);
        Assert.NotNull(stored);
        Assert.True(stored.Anonymous);
        Assert.Null(stored.ContactId);
        Assert.Null(stored.ReporterName);
        Assert.Null(stored.Phone);
        Assert.False(stored.Urgent);
        Assert.Equal("goldenstar", stored.EmployerKey);
        Assert.Equal("phnom-penh", stored.Province);
    }

    [Fact]
    public async Task Without_consent_nothing_of_the_report_is_kept_and_advice_is_offered()
    {
        _files.Files["p.jpg"] = ("image/jpeg", Evidence.Jpeg());
        await _chat.SayAsync("hello");
        await AnswerUpToFollowUpAsync("unpaid_wages", photo: _files.FileUrl("p.jpg"));
        await _chat.TapAsync(FollowUps.Phone, "By phone");
        await _chat.SayAsync("012 345 678");
        await _chat.SayAsync("Sophea");

        var refused = await _chat.TapAsync("NO", "No");

        Assert.StartsWith("Understood. Nothing from this report has been kept.", refused.Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("1297", refused.Text, StringComparison.Ordinal);
        Assert.Contains("KB:unpaid-wages", refused.Payloads);
        await using var db = await _chat.Services.GetRequiredService<Database>().OpenAsync(Ct);
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM cases"));
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM draft_evidence"));
        var transcript = await _chat.Services.GetRequiredService<TranscriptStore>().RecentAsync(1, 100, Ct);
        Assert.DoesNotContain(transcript, l => l.Text.Contains("012 345 678", StringComparison.Ordinal) || l.Text.Contains("Sophea", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_confiscated_passport_is_urgent_and_the_worker_gets_117_at_once()
    {
        await _chat.SayAsync("សួស្តី");
        await _chat.TapAsync(MainMenu.ReportPayload);
        await _chat.TapAsync("trafficking");
        var danger = await _chat.TapAsync(Questions.DonePayload);
        var told = await _chat.TapAsync("YES", "បាទ/ចាស");
        await _chat.TapAsync(Questions.DontKnowPayload, "មិនដឹង");
        await _chat.TapAsync("abroad-malaysia");
        await _chat.TapAsync("domestic");
        await _chat.TapAsync(StartedCodes.ThisWeek);
        await _chat.TapAsync("1");
        await _chat.SayAsync("ថៅកែយកលិខិតឆ្លងដែនខ្ញុំ ហើយមិនឲ្យចេញពីផ្ទះ");
        await _chat.TapAsync(Questions.DonePayload);
        await _chat.TapAsync("nobody");
        await _chat.TapAsync(FollowUps.Chat);
        await _chat.TapAsync(Questions.SkipPayload);
        await _chat.TapAsync("YES");
        var sent = await _chat.TapAsync(ComplaintDialog.SendPayload);

        Assert.Equal("តើអ្នក ឬនរណាម្នាក់ កំពុងមានគ្រោះថ្នាក់ឥឡូវនេះទេ?", danger.Messages[^1].Text);
        Assert.Contains("១១៧", told.Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains(sent.Messages, m => m.Text.StartsWith("យើងចាត់ទុកករណីនេះជាករណីបន្ទាន់", StringComparison.Ordinal));
        var stored = await Cases.FindAsync(Regex(sent.Messages[0].Text, @"C-\d{4}-\d{5}"), Ct);
        Assert.True(stored!.Urgent);
        Assert.Equal(["danger_now", "detention_or_passport", "trafficking_signs"], stored.UrgencyReasons);
        Assert.Equal("abroad-malaysia", stored.Province);
        Assert.Null(stored.Employer);
        var outbox = _chat.Services.GetRequiredService<Central.Data.Messaging.OutboxStore>();
        var alert = Assert.Single(await outbox.ClaimDueAsync("test", 10, TimeSpan.FromMinutes(1), Ct), o => o.Channel == UrgentAlerts.Channel);
        Assert.Contains(stored.CaseNumber, alert.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain("លិខិតឆ្លងដែន", alert.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_corrected_from_the_summary_is_asked_again_and_the_summary_shown_anew()
    {
        await _chat.SayAsync("hello");
        await AnswerUpToFollowUpAsync("forced_overtime", employer: "Wrong Name Factory");
        await _chat.TapAsync(FollowUps.Chat);
        await _chat.TapAsync(Questions.SkipPayload);
        await _chat.TapAsync("YES");

        var which = await _chat.TapAsync(ComplaintDialog.CorrectPayload, "Correct something");
        var asked = await _chat.TapAsync("employer", "Employer");
        var summary = await _chat.SayAsync("Right Name Factory");

        Assert.Contains("Employer", which.Titles);
        Assert.StartsWith("What is the name of the employer", asked.Messages[^1].Text, StringComparison.Ordinal);
        Assert.Contains("• Employer: Right Name Factory", summary.Text, StringComparison.Ordinal);
        Assert.Equal(["Send report ✓", "Correct something"], summary.Titles);
    }

    [Fact]
    public async Task Stop_at_any_question_keeps_nothing()
    {
        _files.Files["p.jpg"] = ("image/jpeg", Evidence.Jpeg());
        await _chat.SayAsync("hello");
        await AnswerUpToFollowUpAsync("unpaid_wages", photo: _files.FileUrl("p.jpg"));

        var stopped = await _chat.SayAsync("stop");
        var again = await _chat.TapAsync(MainMenu.ReportPayload);

        Assert.Equal(["Your report was cancelled. Nothing from it was kept.", "What would you like to do?"], stopped.Messages.Select(m => m.Text));
        Assert.StartsWith("What happened?", again.Messages[0].Text, StringComparison.Ordinal);
        await using var db = await _chat.Services.GetRequiredService<Database>().OpenAsync(Ct);
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM draft_evidence"));
    }

    [Fact]
    public async Task A_report_left_for_the_menu_is_offered_again_and_continues_where_it_stopped()
    {
        await _chat.SayAsync("hello");
        await _chat.TapAsync(MainMenu.ReportPayload);
        await _chat.TapAsync("nssf");
        await _chat.TapAsync(Questions.DonePayload);
        await _chat.SayAsync("Angkor Shoes");
        await _chat.SayAsync("menu");
        _chat.Time.Advance(TimeSpan.FromDays(3));

        var offer = await _chat.TapAsync(MainMenu.ReportPayload);
        var resumed = await _chat.TapAsync(ComplaintDialog.ContinuePayload, "Continue");

        Assert.StartsWith("You started a report on 1 December 2026", offer.Messages[^1].Text, StringComparison.Ordinal);
        Assert.Equal(["Continue", "Start again"], offer.Titles);
        Assert.StartsWith("Where is the workplace?", resumed.Messages[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switching_language_mid_intake_asks_the_same_question_in_the_new_language()
    {
        await _chat.SayAsync("hello");
        await _chat.TapAsync(MainMenu.ReportPayload);
        await _chat.TapAsync("nssf");
        await _chat.TapAsync(Questions.DonePayload);

        var switched = await _chat.SayAsync("ខ្មែរ");

        Assert.Equal("យល់ព្រម! ចាប់ពីពេលនេះ ខ្ញុំនឹងសរសេរជាភាសាខ្មែរ។", switched.Messages[0].Text);
        Assert.StartsWith("តើនិយោជក ឬរោងចក្រឈ្មោះអ្វី?", switched.Messages[1].Text, StringComparison.Ordinal);
        Assert.Contains("មិនដឹង", switched.Titles);
    }

    [Fact]
    public async Task Three_answers_the_bot_cannot_read_end_the_question_gracefully_without_losing_the_draft()
    {
        await _chat.SayAsync("hello");
        await _chat.TapAsync(MainMenu.ReportPayload);
        await _chat.TapAsync("nssf");
        await _chat.TapAsync(Questions.DonePayload);
        await _chat.SayAsync("Angkor Shoes");
        await _chat.TapAsync("kandal");
        await _chat.TapAsync("footwear");
        await _chat.TapAsync(StartedCodes.ThisMonth);

        var first = await _chat.SayAsync("a lot");
        var second = await _chat.SayAsync("0");
        var third = await _chat.SayAsync("many many");
        var offer = await _chat.TapAsync(MainMenu.ReportPayload);

        Assert.Equal("Please tap a button or type a number, for example 25.", first.Messages[0].Text);
        Assert.Equal("Please type a number of workers between 1 and 100,000, for example 120.", second.Messages[0].Text);
        Assert.StartsWith("Sorry, I didn't understand. Let's go back to the menu", third.Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("Talk to a person", third.Titles);
        Assert.StartsWith("You started a report on", offer.Messages[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_of_a_kind_that_cannot_be_kept_is_refused_with_a_reason()
    {
        _files.Files["tool.exe"] = ("application/octet-stream", Evidence.Executable());
        _files.Files["voice.m4a"] = ("audio/mp4", Evidence.VoiceNote());
        await _chat.SayAsync("hello");
        await _chat.TapAsync(MainMenu.ReportPayload);
        await _chat.TapAsync("other");
        await _chat.TapAsync(Questions.DontKnowPayload);
        await _chat.TapAsync("takeo");
        await _chat.TapAsync("agriculture");
        await _chat.TapAsync(StartedCodes.ThisWeek);
        await _chat.TapAsync("2");

        var refused = await _chat.SendAsync(new TurnAttachment(TurnAttachment.File, _files.FileUrl("tool.exe")));
        var voice = await _chat.SendAsync(new TurnAttachment(TurnAttachment.Audio, _files.FileUrl("voice.m4a")));
        var gone = await _chat.SendAsync(new TurnAttachment(TurnAttachment.Image, _files.FileUrl("expired.jpg")));
        var outside = await _chat.SendAsync(new TurnAttachment(TurnAttachment.Image, "http://169.254.169.254/latest/meta-data"));

        Assert.StartsWith("This kind of file can't be kept.", refused.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal("Received: a voice message.", voice.Messages[0].Text);
        Assert.StartsWith("I couldn't download this file", gone.Messages[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("This kind of file can't be kept.", outside.Messages[0].Text, StringComparison.Ordinal);
        await using var db = await _chat.Services.GetRequiredService<Database>().OpenAsync(Ct);
        Assert.Equal(["audio/mp4"], await db.QueryAsync<string>("SELECT content_type FROM draft_evidence"));
    }

    /// <summary>From the menu to the follow-up question, with sensible answers.</summary>
    private async Task AnswerUpToFollowUpAsync(string category, string employer = "Angkor Shoes", string place = "kandal", string workers = "2", string? photo = null)
    {
        await _chat.TapAsync(MainMenu.ReportPayload);
        await _chat.TapAsync(category);
        if (category != "other")
        {
            await _chat.TapAsync(Questions.DonePayload);
        }
        await _chat.SayAsync(employer);
        await _chat.SayAsync(place);
        await _chat.TapAsync("garment");
        await _chat.TapAsync(StartedCodes.ThisMonth);
        await _chat.TapAsync(workers);
        await _chat.SayAsync("My employer has not paid us for weeks and the manager shouts at us.");
        if (photo is not null)
        {
            await _chat.SendAsync(new TurnAttachment(TurnAttachment.Image, photo));
        }
        await _chat.TapAsync(Questions.DonePayload);
        await _chat.TapAsync("coworkers");
    }

    private static string Regex(string text, string pattern) =>
        System.Text.RegularExpressions.Regex.Match(text, pattern) is { Success: true } match ? match.Value : throw new Xunit.Sdk.XunitException($"No {pattern} in: {text}");

    public async ValueTask DisposeAsync()
    {
        await _chat.DisposeAsync();
        await _files.DisposeAsync();
    }
}
