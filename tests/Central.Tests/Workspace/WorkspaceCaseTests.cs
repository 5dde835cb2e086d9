using System.Net;
using Central.Data.Audit;
using Central.Data.Caseworkers;
using Central.Data.Cases;
using Central.Data.Contacts;
using Central.Data.Storage;
using Central.Tests.Channels;
using Dapper;

namespace Central.Tests.Workspace;

/// <summary>
/// Working a case over HTTP on the real host: claiming (atomic), notes, status changes the worker is told about,
/// replies within Messenger's rules (through the Graph stand-in), taking over a chat, evidence and the CSV export.
/// </summary>
public sealed class WorkspaceCaseTests(WorkspaceApp workspace) : IClassFixture<WorkspaceApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CaseStore Cases => workspace.Get<CaseStore>();

    [Fact]
    public async Task Of_two_caseworkers_claiming_at_once_one_gets_the_case_and_the_other_is_told_who()
    {
        var opened = await workspace.OpenCaseAsync();
        var page = $"/workspace/cases/{opened.CaseNumber}";
        using var dara = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);
        using var sokha = await workspace.SignInAsync(WorkspaceApp.OtherCaseworkerEmail);
        var tokens = (WorkspaceBrowser.Token(await dara.GetPageAsync(page)), WorkspaceBrowser.Token(await sokha.GetPageAsync(page)));

        var claims = await Task.WhenAll(
            dara.PostFormAsync(page, page + "?handler=Claim", new() { ["__RequestVerificationToken"] = tokens.Item1 }, withToken: false),
            sokha.PostFormAsync(page, page + "?handler=Claim", new() { ["__RequestVerificationToken"] = tokens.Item2 }, withToken: false));
        var pages = new[] { await dara.GetPageAsync(page), await sokha.GetPageAsync(page) };

        Assert.All(claims, c => Assert.Equal(HttpStatusCode.Redirect, c.StatusCode));
        var holder = (await Cases.FindAsync(opened.Id, Ct))!;
        Assert.Equal(CaseStatus.InProgress, holder.Status);
        var (winner, loser) = holder.AssignedName == "Dara" ? (pages[0], pages[1]) : (pages[1], pages[0]);
        Assert.Contains("ឥឡូវនេះ ករណីនេះជារបស់អ្នកហើយ។", winner, StringComparison.Ordinal);
        Assert.Contains($"{holder.AssignedName} បានទទួលយកករណីនេះរួចហើយ។", loser, StringComparison.Ordinal);
        Assert.Single(await Cases.EventsAsync(opened.Id, Ct), e => e.Action == "claimed");
    }

    [Fact]
    public async Task A_note_is_kept_encrypted_in_the_timeline_and_shown_encoded()
    {
        var opened = await workspace.OpenCaseAsync();
        var page = $"/workspace/cases/{opened.CaseNumber}";
        using var browser = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);

        await browser.PostFormAsync(page, page + "?handler=Note", new() { ["text"] = "បានទូរសព្ទទៅសហជីព <i>ok</i>" });
        var html = await browser.GetPageAsync(page);

        var note = Assert.Single(await Cases.EventsAsync(opened.Id, Ct), e => e.Action == "note");
        Assert.Equal("បានទូរសព្ទទៅសហជីព <i>ok</i>", Field(note.After, "text"));
        Assert.Contains("បានទូរសព្ទទៅសហជីព &lt;i&gt;ok&lt;/i&gt;", html, StringComparison.Ordinal);
        var stored = await Scalar<string>("SELECT after_json FROM case_events WHERE id = @id", new { id = note.Id });
        Assert.DoesNotContain("សហជីព", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Claiming_and_closing_tell_the_worker_in_Khmer_as_Messenger_updates()
    {
        var (psid, contact) = await WorkerAsync("សួស្តី");
        var opened = await workspace.OpenCaseAsync(Some.WageComplaint(contact.Id));
        var page = $"/workspace/cases/{opened.CaseNumber}";
        using var browser = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);

        await browser.PostFormAsync(page, page + "?handler=Claim", []);
        var record = (await Cases.FindAsync(opened.Id, Ct))!;
        await browser.PostFormAsync(page, page + "?handler=Status",
            new() { ["version"] = $"{record.Version}", ["status"] = CaseStatus.Closed, ["reason"] = "ថៅកែបានបើកប្រាក់ខែហើយ" });
        await workspace.Graph.WaitUntilAsync(g => g.MessagesTo(psid).Count >= 5);

        var updates = workspace.Graph.Calls.Where(c => c.Recipient == psid && c.Text?.Contains(opened.CaseNumber, StringComparison.Ordinal) == true).ToList();
        Assert.Equal(2, updates.Count);
        Assert.StartsWith($"ព័ត៌មានថ្មីអំពីករណីរបស់អ្នក {opened.CaseNumber}៖ បុគ្គលិកកំពុងដោះស្រាយ", updates[0].Text, StringComparison.Ordinal);
        Assert.StartsWith($"ព័ត៌មានថ្មីអំពីករណីរបស់អ្នក {opened.CaseNumber}៖ បានបិទ", updates[1].Text, StringComparison.Ordinal);
        Assert.All(updates, u => Assert.Equal("UPDATE", u.Body["messaging_type"]!.GetValue<string>()));
        var status = (await Cases.EventsAsync(opened.Id, Ct)).Last(e => e.Action == "status");
        Assert.Equal("ថៅកែបានបើកប្រាក់ខែហើយ", Field(status.After, "reason"));
    }

    [Fact]
    public async Task A_reply_inside_24_hours_goes_as_a_response_and_is_written_to_the_transcript()
    {
        var (psid, contact) = await WorkerAsync("ខ្ញុំត្រូវការជំនួយ");
        var opened = await ClaimedCaseAsync(contact.Id);
        var page = $"/workspace/cases/{opened.CaseNumber}";
        using var browser = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);

        var response = await browser.PostFormAsync(page, page + "?handler=Reply", new() { ["text"] = "សួស្តី បង! យើងបានទទួលករណីរបស់អ្នកហើយ។", ["language"] = "km" });
        // Wait for this reply itself: the claim's status news to the worker may still be on its way.
        await workspace.Graph.WaitUntilAsync(g => g.Calls.Any(c => c.Recipient == psid && c.Text?.EndsWith("យើងបានទទួលករណីរបស់អ្នកហើយ។", StringComparison.Ordinal) == true));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var sent = workspace.Graph.Calls.Last(c => c.Recipient == psid && c.Text?.EndsWith("យើងបានទទួលករណីរបស់អ្នកហើយ។", StringComparison.Ordinal) == true);
        Assert.Equal("បុគ្គលិកសង់ត្រាល់៖\nសួស្តី បង! យើងបានទទួលករណីរបស់អ្នកហើយ។", sent.Text);
        Assert.Equal("RESPONSE", sent.Body["messaging_type"]!.GetValue<string>());
        var lines = await workspace.Get<TranscriptStore>().RecentAsync(contact.Id, 50, Ct);
        Assert.Contains(lines, l => l.Direction == "out" && l.Author.StartsWith("caseworker:", StringComparison.Ordinal) && l.Text.EndsWith("យើងបានទទួលករណីរបស់អ្នកហើយ។", StringComparison.Ordinal));
        Assert.Contains(await Cases.EventsAsync(opened.Id, Ct), e => e.Action == "reply");
    }

    [Fact]
    public async Task Three_days_after_the_workers_last_message_a_reply_goes_with_the_HUMAN_AGENT_tag()
    {
        var (psid, contact) = await WorkerAsync("hello");
        await LastWroteAsync(contact.Id, TimeSpan.FromDays(3));
        var opened = await ClaimedCaseAsync(contact.Id, tellWorker: false);
        var page = $"/workspace/cases/{opened.CaseNumber}";
        using var browser = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);
        var html = await browser.GetPageAsync(page);

        await browser.PostFormAsync(page, page + "?handler=Reply", new() { ["text"] = "We called your employer.", ["language"] = "en" });
        await workspace.Graph.WaitUntilAsync(g => g.Calls.Any(c => c.Recipient == psid && c.Text?.EndsWith("We called your employer.", StringComparison.Ordinal) == true));

        Assert.Contains("HUMAN_AGENT", html, StringComparison.Ordinal);
        var sent = workspace.Graph.Calls.Last(c => c.Recipient == psid && c.Text?.EndsWith("We called your employer.", StringComparison.Ordinal) == true);
        Assert.Equal("CENTRAL staff:\nWe called your employer.", sent.Text);
        Assert.Equal("MESSAGE_TAG", sent.Body["messaging_type"]!.GetValue<string>());
        Assert.Equal("HUMAN_AGENT", sent.Body["tag"]!.GetValue<string>());
    }

    [Fact]
    public async Task Eight_days_after_the_last_message_nothing_is_sent_and_the_page_explains_and_gives_the_phone()
    {
        var (psid, contact) = await WorkerAsync("hello");
        await LastWroteAsync(contact.Id, TimeSpan.FromDays(8));
        var opened = await ClaimedCaseAsync(contact.Id, tellWorker: false);
        var page = $"/workspace/cases/{opened.CaseNumber}";
        using var browser = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);
        var before = workspace.Graph.MessagesTo(psid).Count;

        var html = await browser.GetPageAsync(page);
        var refused = await browser.PostFormAsync(page, page + "?handler=Reply", new() { ["text"] = "Hello?", ["language"] = "en" });
        var after = await browser.GetPageAsync(page);
        await workspace.Graph.SettleAsync(300);

        Assert.Contains("Messenger មិនអនុញ្ញាតឲ្យយើងសរសេរទៅគាត់ទេ", html, StringComparison.Ordinal);
        Assert.Contains("+855 12 000 111", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"reply\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.True(after.Contains("មិនបានផ្ញើអ្វីទេ", StringComparison.Ordinal), after);
        Assert.Equal(before, workspace.Graph.MessagesTo(psid).Count);
    }

    [Fact]
    public async Task A_status_change_outside_the_window_is_held_and_given_with_the_workers_next_message()
    {
        var (psid, contact) = await WorkerAsync("សួស្តី");
        await LastWroteAsync(contact.Id, TimeSpan.FromDays(9));
        var opened = await ClaimedCaseAsync(contact.Id, tellWorker: false);
        var page = $"/workspace/cases/{opened.CaseNumber}";
        using var browser = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);
        var record = (await Cases.FindAsync(opened.Id, Ct))!;
        var before = workspace.Graph.MessagesTo(psid).Count;

        await browser.PostFormAsync(page, page + "?handler=Status",
            new() { ["version"] = $"{record.Version}", ["status"] = CaseStatus.WaitingForWorker, ["reason"] = "need the payslip" });
        var held = await workspace.Get<WorkerUpdateStore>().PendingAsync(contact.Id, Ct);
        await workspace.Graph.SettleAsync(300);
        var sentMeanwhile = workspace.Graph.MessagesTo(psid).Count - before;
        await Webhooks.PostAsync(workspace.Http, Webhooks.Text(psid, "សួស្តី"));
        await workspace.Graph.WaitUntilAsync(g => g.MessagesTo(psid).Count > before);

        Assert.Equal(0, sentMeanwhile);
        var update = Assert.Single(held);
        Assert.Contains("កំពុងរង់ចាំព័ត៌មានពីអ្នក", update.Text, StringComparison.Ordinal);
        var first = workspace.Graph.Calls.Where(c => c.Recipient == psid && c.Text is not null).Skip(before).First();
        Assert.Equal(update.Text, first.Text);
    }

    [Fact]
    public async Task Referring_a_case_needs_the_partner_and_records_it()
    {
        var opened = await ClaimedCaseAsync(null, tellWorker: false);
        var page = $"/workspace/cases/{opened.CaseNumber}";
        using var browser = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);
        var version = $"{(await Cases.FindAsync(opened.Id, Ct))!.Version}";

        await browser.PostFormAsync(page, page + "?handler=Status", new() { ["version"] = version, ["status"] = CaseStatus.Referred, ["reason"] = "legal aid" });
        var without = (await Cases.FindAsync(opened.Id, Ct))!.Status;
        await browser.PostFormAsync(page, page + "?handler=Status",
            new() { ["version"] = version, ["status"] = CaseStatus.Referred, ["reason"] = "legal aid", ["partner"] = "Legal Aid of Cambodia" });

        Assert.Equal(CaseStatus.InProgress, without);
        Assert.Equal(CaseStatus.Referred, (await Cases.FindAsync(opened.Id, Ct))!.Status);
        var referral = Assert.Single(await Cases.EventsAsync(opened.Id, Ct), e => e.Action == "referral");
        Assert.Equal("Legal Aid of Cambodia", Field(referral.After, "partner"));
    }

    [Fact]
    public async Task A_status_change_on_a_stale_page_is_refused()
    {
        var opened = await ClaimedCaseAsync(null, tellWorker: false);
        var page = $"/workspace/cases/{opened.CaseNumber}";
        using var browser = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);
        var stale = $"{(await Cases.FindAsync(opened.Id, Ct))!.Version - 1}";

        await browser.PostFormAsync(page, page + "?handler=Status", new() { ["version"] = stale, ["status"] = CaseStatus.Resolved, ["reason"] = "done" });
        var html = await browser.GetPageAsync(page);

        Assert.Equal(CaseStatus.InProgress, (await Cases.FindAsync(opened.Id, Ct))!.Status);
        Assert.Contains("មាននរណាម្នាក់បានកែប្រែករណីនេះ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Taking_over_keeps_the_bot_quiet_until_the_chat_is_handed_back()
    {
        var (psid, contact) = await WorkerAsync("hello");
        using var browser = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);
        var page = $"/workspace/conversations/{contact.Id}";

        await browser.PostFormAsync(page, page + "?handler=TakeOver", []);
        var before = workspace.Graph.MessagesTo(psid).Count;
        await Webhooks.PostAsync(workspace.Http, Webhooks.Text(psid, "is anyone there?"));
        await WaitForTranscriptAsync(contact.Id, "is anyone there?");
        await workspace.Graph.SettleAsync(300);
        var quiet = workspace.Graph.MessagesTo(psid).Count;
        await browser.PostFormAsync(page, page + "?handler=Reply", new() { ["text"] = "Yes, I am here.", ["language"] = "en" });
        await workspace.Graph.WaitUntilAsync(g => g.MessagesTo(psid).Count > quiet);
        await browser.PostFormAsync(page, page + "?handler=HandBack", []);
        await Webhooks.PostAsync(workspace.Http, Webhooks.Text(psid, "menu"));
        await workspace.Graph.WaitUntilAsync(g => g.MessagesTo(psid).Count > quiet + 1);

        Assert.Equal(before, quiet);
        Assert.Equal("CENTRAL staff:\nYes, I am here.", workspace.Graph.MessagesTo(psid)[quiet]["message"]!["text"]!.GetValue<string>());
        Assert.Null((await workspace.Get<ContactStore>().FindAsync(contact.Id, Ct))!.HumanCaseworkerId);
        var html = await browser.GetPageAsync(page);
        Assert.Contains("is anyone there?", html, StringComparison.Ordinal);
        Assert.Contains("Yes, I am here.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_who_asks_for_a_person_is_listed_with_their_conversation()
    {
        var (psid, contact) = await WorkerAsync("hello");
        await Webhooks.PostAsync(workspace.Http, Webhooks.QuickReply(psid, "Talk to a person", "CMD:PERSON"));
        await WaitForAsync(async () => (await workspace.Get<ContactStore>().FindAsync(contact.Id, Ct))!.HumanRequestedAt is not null);
        using var browser = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);

        var list = await browser.GetPageAsync("/workspace/conversations");
        var queue = await browser.GetPageAsync("/workspace");
        var conversation = await browser.GetPageAsync($"/workspace/conversations/{contact.Id}");

        Assert.Contains($"/workspace/conversations/{contact.Id}", list, StringComparison.Ordinal);
        Assert.Contains("ស្នើសុំនិយាយជាមួយបុគ្គលិក", queue, StringComparison.Ordinal);
        Assert.Contains("hello", conversation, StringComparison.Ordinal);
        Assert.Contains("?handler=TakeOver", conversation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evidence_is_served_only_through_the_workspace_with_a_safe_type()
    {
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");
        var now = TimeProvider.System.GetUtcNow();
        var opened = await workspace.OpenCaseAsync(Some.WageComplaint() with
        {
            Attachments =
            [
                new NewAttachment("image", "image/png", "payslip.png", null, png, now),
                new NewAttachment("file", "text/html", "page.html", null, "<script>alert(1)</script>"u8.ToArray(), now),
            ],
        });
        var other = await workspace.OpenCaseAsync();
        var files = await Cases.AttachmentsAsync(opened.Id, Ct);
        using var browser = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);
        using var anonymous = new WorkspaceBrowser(workspace.Server);

        var image = await browser.GetAsync($"/workspace/cases/{opened.CaseNumber}/evidence/{files[0].Id}");
        var html = await browser.GetAsync($"/workspace/cases/{opened.CaseNumber}/evidence/{files[1].Id}");
        var wrongCase = await browser.GetAsync($"/workspace/cases/{other.CaseNumber}/evidence/{files[0].Id}");
        var signedOut = await anonymous.GetAsync($"/workspace/cases/{opened.CaseNumber}/evidence/{files[0].Id}");

        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal(png, await image.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("inline", image.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("application/octet-stream", html.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", html.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Contains("sandbox", html.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", html.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.NotFound, wrongCase.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains(await workspace.Get<AuditLog>().RecentAsync(100, Ct), a => a.Action == "evidence_viewed" && a.Subject == opened.CaseNumber);
    }

    [Fact]
    public async Task The_CSV_export_has_personal_data_only_for_supervisors_and_defuses_formulas()
    {
        var opened = await workspace.OpenCaseAsync(Some.WageComplaint() with { Employer = "=HYPERLINK(\"http://evil.example\",\"x\")", Province = "takeo" });
        using var caseworker = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);
        using var supervisor = await workspace.SignInAsync(WorkspaceApp.SupervisorEmail);

        var plain = await (await caseworker.GetAsync("/workspace/queue.csv?province=takeo")).Content.ReadAsStringAsync(Ct);
        var personal = await (await supervisor.GetAsync("/workspace/queue.csv?province=takeo&personal=true")).Content.ReadAsStringAsync(Ct);

        var row = plain.Split("\r\n").Single(l => l.Contains(opened.CaseNumber, StringComparison.Ordinal));
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", row, StringComparison.Ordinal);
        Assert.DoesNotContain("+855", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("សុខ ចាន់ថា", plain, StringComparison.Ordinal);
        Assert.Contains("\"'+855 12 000 111\"", personal, StringComparison.Ordinal);
        Assert.Contains("សុខ ចាន់ថា", personal, StringComparison.Ordinal);
        Assert.Contains("តាកែវ", plain, StringComparison.Ordinal);
        Assert.Contains(await workspace.Get<AuditLog>().RecentAsync(100, Ct), a => a.Action == "exported" && a.Detail!.Contains("personal data: yes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_queue_puts_urgent_first_then_oldest_and_warns_about_cases_nobody_claimed()
    {
        var employer = "Queue Test Garment " + Guid.NewGuid().ToString("N")[..6];
        var old = await workspace.OpenCaseAsync(Some.WageComplaint() with { Employer = employer, EmployerKey = employer });
        var urgent = await workspace.OpenCaseAsync(Some.WageComplaint() with { Employer = employer, EmployerKey = employer, Urgent = true, Categories = ["trafficking"] });
        var recent = await workspace.OpenCaseAsync(Some.WageComplaint() with { Employer = employer, EmployerKey = employer });
        await OpenedAgoAsync(old.Id, TimeSpan.FromDays(3));
        await OpenedAgoAsync(urgent.Id, TimeSpan.FromHours(3));
        using var browser = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);

        var html = await browser.GetPageAsync("/workspace?employer=" + Uri.EscapeDataString(employer));

        var order = new[] { urgent, old, recent }.Select(c => html.IndexOf($"data-case=\"{c.CaseNumber}\"", StringComparison.Ordinal)).ToArray();
        Assert.True(order[0] > 0 && order[0] < order[1] && order[1] < order[2], string.Join(",", order));
        var warnings = html[html.IndexOf("id=\"warnings\"", StringComparison.Ordinal)..html.IndexOf("</ul>", StringComparison.Ordinal)];
        Assert.Contains(urgent.CaseNumber, warnings, StringComparison.Ordinal);
        Assert.Contains(old.CaseNumber, warnings, StringComparison.Ordinal);
        Assert.DoesNotContain(recent.CaseNumber, warnings, StringComparison.Ordinal);
        Assert.Contains("ពាក់ព័ន្ធ 2", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reports_count_cases_per_week_and_by_category_province_and_employer()
    {
        using var browser = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);
        // An employer of this test's own: the shared workspace holds other tests' cases, some under other names.
        var employer = "រោងចក្រ ពន្លឺថ្មី " + Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 3; i++)
        {
            await workspace.OpenCaseAsync(Some.WageComplaint() with
            {
                Province = "kampot", Categories = ["unpaid_wages", "forced_overtime"], Employer = employer, EmployerKey = employer,
            });
        }

        var html = await browser.GetPageAsync("/workspace/reports");

        Assert.Contains("<svg class=\"chart\" id=\"weekly-chart\"", html, StringComparison.Ordinal);
        Assert.Contains("កំពត", html, StringComparison.Ordinal);
        Assert.Contains("ការបង្ខំឲ្យធ្វើការបន្ថែមម៉ោង", html, StringComparison.Ordinal);
        var byEmployer = html[html.IndexOf("id=\"by-employer\"", StringComparison.Ordinal)..];
        Assert.Matches($@"{employer}</a>\s*</td>\s*<td class=""number"">3</td>", byEmployer);
    }

    [Fact]
    public async Task Without_a_Translator_key_no_page_offers_translation_and_the_workspace_works_as_before()
    {
        var (_, contact) = await WorkerAsync("ថៅកែមិនបើកប្រាក់ខែ");
        var opened = await ClaimedCaseAsync(contact.Id, tellWorker: false);
        var page = $"/workspace/cases/{opened.CaseNumber}";
        using var browser = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);
        using var admin = await workspace.SignInAsync(WorkspaceApp.AdminEmail);

        var html = await browser.GetPageAsync(page);
        var conversation = await browser.GetPageAsync($"/workspace/conversations/{contact.Id}");
        var asked = await browser.PostFormAsync(page, page + "?handler=Translate", new() { ["item"] = "description" });
        var settings = await admin.GetPageAsync("/workspace/admin");

        Assert.DoesNotContain("?handler=Translate", html + conversation, StringComparison.Ordinal);
        Assert.DoesNotContain("data-translation", html + conversation, StringComparison.Ordinal);
        Assert.Contains("id=\"reply\"", html, StringComparison.Ordinal);
        Assert.Contains("ថៅកែមិនបើកប្រាក់ខែ", conversation, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.DoesNotContain(await Cases.EventsAsync(opened.Id, Ct), e => e.Action == "translated");
        Assert.Contains("បិទ។ សូមកំណត់ Translator:Key", settings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_screen_switches_to_English_and_back()
    {
        using var browser = await workspace.SignInAsync(WorkspaceApp.AdminEmail);

        await browser.PostFormAsync("/workspace", "/workspace/language", new() { ["language"] = "en", ["returnUrl"] = "/workspace/reports" });
        var english = new[] { "/workspace", "/workspace/reports", "/workspace/conversations", "/workspace/admin", "/workspace/admin/accounts" };
        var pages = new List<string>();
        foreach (var path in english)
        {
            pages.Add(await browser.GetPageAsync(path));
        }
        await browser.PostFormAsync("/workspace", "/workspace/language", new() { ["language"] = "km", ["returnUrl"] = "/workspace" });
        var khmer = await browser.GetPageAsync("/workspace");

        Assert.All(pages, p => Assert.Contains("<html lang=\"en\">", p, StringComparison.Ordinal));
        Assert.Contains(">Cases</h1>", pages[0], StringComparison.Ordinal);
        Assert.Contains(">ករណី</h1>", khmer, StringComparison.Ordinal);
    }

    private async Task<(string Psid, Contact Contact)> WorkerAsync(string firstMessage)
    {
        var psid = Some.Psid();
        await Webhooks.PostAsync(workspace.Http, Webhooks.Text(psid, firstMessage));
        await workspace.Graph.WaitUntilAsync(g => g.MessagesTo(psid).Count >= 3);
        return (psid, (await workspace.Get<ContactStore>().FindAsync("messenger", psid, Ct))!);
    }

    private async Task<OpenedCase> ClaimedCaseAsync(long? contactId, bool tellWorker = true)
    {
        var opened = await workspace.OpenCaseAsync(Some.WageComplaint(contactId));
        var dara = (await workspace.Get<CaseworkerStore>().FindByEmailAsync(WorkspaceApp.CaseworkerEmail, Ct))!.Id;
        if (tellWorker)
        {
            using var browser = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);
            var page = $"/workspace/cases/{opened.CaseNumber}";
            await browser.PostFormAsync(page, page + "?handler=Claim", []);
        }
        else
        {
            await Cases.ClaimAsync(opened.Id, dara, Ct);
        }
        return opened;
    }

    private static string? Field(string? json, string name) => System.Text.Json.JsonDocument.Parse(json!).RootElement.GetProperty(name).GetString();

    private async Task LastWroteAsync(long contactId, TimeSpan ago)
    {
        await using var db = await workspace.Get<Database>().OpenAsync(Ct);
        await db.ExecuteAsync("UPDATE contacts SET last_inbound_at = @at WHERE id = @contactId", new { at = TimeProvider.System.GetUtcNow() - ago, contactId });
    }

    private async Task OpenedAgoAsync(long caseId, TimeSpan ago)
    {
        await using var db = await workspace.Get<Database>().OpenAsync(Ct);
        await db.ExecuteAsync("UPDATE cases SET created_at = @at WHERE id = @caseId", new { at = TimeProvider.System.GetUtcNow() - ago, caseId });
    }

    private async Task<T> Scalar<T>(string sql, object args)
    {
        await using var db = await workspace.Get<Database>().OpenAsync(Ct);
        return (await db.ExecuteScalarAsync<T>(sql, args))!;
    }

    private async Task WaitForTranscriptAsync(long contactId, string text) =>
        await WaitForAsync(async () => (await workspace.Get<TranscriptStore>().RecentAsync(contactId, 50, Ct)).Any(l => l.Text == text));

    private static async Task WaitForAsync(Func<Task<bool>> done)
    {
        for (var i = 0; i < 200 && !await done(); i++)
        {
            await Task.Delay(50, Ct);
        }
        Assert.True(await done(), "condition not met within 10 s");
    }
}
