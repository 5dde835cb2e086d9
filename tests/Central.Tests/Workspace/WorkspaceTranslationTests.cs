using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Central.Data.Audit;
using Central.Data.Caseworkers;
using Central.Data.Cases;
using Central.Data.Contacts;
using Central.Data.Translation;
using Central.Tests.Channels;
using Central.Tests.Hosting;

namespace Central.Tests.Workspace;

/// <summary>The workspace with a Translator key, pointed at the Translator stand-in on loopback.</summary>
public sealed class TranslatingWorkspaceApp : WorkspaceApp
{
    public const string Key = "test-translator-key";
    public const string Region = "southeastasia";

    public TranslatorStandIn Translator { get; private set; } = null!;

    protected override async Task<Dictionary<string, string?>> StartStandInsAsync()
    {
        Translator = await TranslatorStandIn.StartAsync();
        return new()
        {
            ["Translator:Endpoint"] = Translator.Url,
            ["Translator:Key"] = Key,
            ["Translator:Region"] = Region,
            // Long enough that a slow first call on a loaded machine is not retried (and counted twice), short enough
            // that the stall test (three attempts) ends in about 15 s.
            ["Translator:TimeoutSeconds"] = "5",
        };
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Translator.DisposeAsync();
    }
}

/// <summary>
/// Machine translation for caseworkers over HTTP on the real host (issue 8): the worker's words in English beside the
/// original, paid for once, retried, "unavailable" without breaking the page; a reply drafted in English, checked and
/// corrected in Khmer, and only the corrected Khmer sent; every text sent to Azure recorded, never the text itself.
/// </summary>
public sealed partial class WorkspaceTranslationTests(TranslatingWorkspaceApp workspace) : IClassFixture<TranslatingWorkspaceApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CaseStore Cases => workspace.Get<CaseStore>();

    private TranslatorStandIn Translator => workspace.Translator;

    [Fact]
    public async Task The_case_description_is_shown_in_English_under_the_Khmer_marked_as_a_machine_translation()
    {
        var description = Unique("ថៅកែមិនបើកប្រាក់ខែ ២ខែហើយ <i>ពិត</i>");
        var opened = await workspace.OpenCaseAsync(Some.WageComplaint() with { Description = description });
        var page = $"/workspace/cases/{opened.CaseNumber}";
        using var browser = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);

        var before = await browser.GetPageAsync(page);
        var response = await browser.PostFormAsync(page, page + "?handler=Translate", new() { ["item"] = "description" });
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Contains("<button type=\"submit\" class=\"small\"", before, StringComparison.Ordinal);
        Assert.Contains("បកប្រែជាភាសាអង់គ្លេស", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (language, label, translated) = TranslationOf(html, "description");
        Assert.Equal("en", language);
        Assert.Equal("ការបកប្រែដោយម៉ាស៊ីនជាភាសាអង់គ្លេស៖ អាចមានកំហុស អត្ថបទដើមនៅខាងលើ។", label);
        Assert.Equal("[en] " + description.Replace("<i>", "&lt;i&gt;", StringComparison.Ordinal).Replace("</i>", "&lt;/i&gt;", StringComparison.Ordinal), translated);
        Assert.True(html.IndexOf("id=\"description\"", StringComparison.Ordinal) < html.IndexOf("data-translation=\"description\"", StringComparison.Ordinal));
        Assert.DoesNotContain("<i>ពិត</i>", html, StringComparison.Ordinal);
        Assert.Single(CallsFor(description));

        // Sending the worker's words to Azure is a disclosure: on the case's timeline, without the words.
        var recorded = Assert.Single(await Cases.EventsAsync(opened.Id, Ct), e => e.Action == "translated");
        Assert.Contains("\"items\":[\"description\"]", recorded.After, StringComparison.Ordinal);
        Assert.Contains($"\"characters\":{description.Length}", recorded.After, StringComparison.Ordinal);
        Assert.DoesNotContain("ថៅកែ", recorded.After, StringComparison.Ordinal);
        Assert.Contains("បានផ្ញើទៅការបកប្រែដោយម៉ាស៊ីន", Between(html, "id=\"timeline\"", "</section>"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_request_to_Translator_has_the_headers_query_and_body_the_API_expects()
    {
        var description = Unique("ខ្ញុំធ្វើការ ១២ម៉ោងក្នុងមួយថ្ងៃ");
        var opened = await workspace.OpenCaseAsync(Some.WageComplaint() with { Description = description });
        var page = $"/workspace/cases/{opened.CaseNumber}";
        using var browser = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);

        await browser.PostFormAsync(page, page + "?handler=Translate", new() { ["item"] = "description" });

        var call = Assert.Single(CallsFor(description));
        Assert.Equal("translate", call.Operation);
        Assert.Equal("?api-version=3.0&from=km&to=en", call.Query);
        Assert.Equal(TranslatingWorkspaceApp.Key, call.Key);
        Assert.Equal(TranslatingWorkspaceApp.Region, call.Region);
        Assert.StartsWith("application/json", call.ContentType, StringComparison.Ordinal);
        Assert.StartsWith("[{\"Text\":\"", call.Body, StringComparison.Ordinal);
        var item = Assert.Single(JsonNode.Parse(call.Body)!.AsArray())!.AsObject();
        Assert.Equal(["Text"], item.Select(p => p.Key));
        Assert.Equal(description, item["Text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_workers_message_is_translated_in_the_transcript_and_the_second_time_it_comes_from_the_cache()
    {
        var message = Unique("ថៅកែគំរាមបណ្ដេញខ្ញុំចេញ");
        var (_, contact) = await WorkerAsync(message);
        var opened = await workspace.OpenCaseAsync(Some.WageComplaint(contact.Id) with { Description = Unique("ប្រាក់ខែមិនគ្រប់") });
        var line = (await workspace.Get<TranscriptStore>().RecentAsync(contact.Id, 50, Ct)).Single(l => l.Text == message);
        var page = $"/workspace/cases/{opened.CaseNumber}";
        using var dara = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);
        using var sokha = await workspace.SignInAsync(WorkspaceApp.OtherCaseworkerEmail);

        var first = await ReadAsync(await dara.PostFormAsync(page, page + "?handler=Translate", new() { ["item"] = $"line:{line.Id}" }));
        var second = await ReadAsync(await sokha.PostFormAsync(page, page + "?handler=Translate", new() { ["item"] = $"line:{line.Id}" }));
        // Another translation asked for on the same page keeps the first one shown, again from the cache.
        var both = await ReadAsync(await sokha.PostFormAsync(page, page + "?handler=Translate",
            new() { ["item"] = "description", ["shown"] = $"line:{line.Id}" }));

        foreach (var html in new[] { first, second, both })
        {
            Assert.Equal("[en] " + message, TranslationOf(Between(html, $"id=\"line-{line.Id}\"", "</li>"), $"line:{line.Id}").Text);
        }
        Assert.Contains("data-translation=\"description\"", both, StringComparison.Ordinal);
        Assert.Single(CallsFor(message));
        var recorded = (await Cases.EventsAsync(opened.Id, Ct)).Where(e => e.Action == "translated").ToList();
        Assert.Equal(2, recorded.Count);
        Assert.Contains($"\"items\":[\"line:{line.Id}\"]", recorded[0].After, StringComparison.Ordinal);
        Assert.Contains("\"items\":[\"description\"]", recorded[1].After, StringComparison.Ordinal);

        // What the bot said is never offered for translation: only the worker's own lines have a button.
        var transcript = Between(first, "id=\"conversation\"", "</section>");
        Assert.All(OutLines().Matches(transcript), m => Assert.DoesNotContain("?handler=Translate", m.Value, StringComparison.Ordinal));
        Assert.Contains("<li class=\"out\"", transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_the_conversation_page_a_message_is_translated_and_the_disclosure_audited_without_its_text()
    {
        var message = Unique("តើខ្ញុំអាចសុំប្រាក់បំណាច់បានទេ");
        var (_, contact) = await WorkerAsync(message);
        var line = (await workspace.Get<TranscriptStore>().RecentAsync(contact.Id, 50, Ct)).Single(l => l.Text == message);
        var page = $"/workspace/conversations/{contact.Id}";
        using var browser = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);

        var before = await browser.GetPageAsync(page);
        var html = await ReadAsync(await browser.PostFormAsync(page, page + "?handler=Translate", new() { ["item"] = $"line:{line.Id}" }));

        Assert.Contains("?handler=Translate", Between(before, $"id=\"line-{line.Id}\"", "</li>"), StringComparison.Ordinal);
        Assert.Contains("[en] " + message, Between(html, $"id=\"line-{line.Id}\"", "</li>"), StringComparison.Ordinal);
        var audit = await workspace.Get<AuditLog>().RecentAsync(100, Ct);
        var entry = Assert.Single(audit, a => a.Action == "conversation_translated" && a.Subject == $"contact:{contact.Id}");
        Assert.Contains($"km→en, 1 text(s), {message.Length} characters", entry.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("ខ្ញុំ", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_from_Translator_is_retried_and_the_translation_shown_in_an_English_screen()
    {
        var description = Unique("គេមិនឲ្យខ្ញុំឈប់សម្រាកទេ");
        var opened = await workspace.OpenCaseAsync(Some.WageComplaint() with { Description = description });
        var page = $"/workspace/cases/{opened.CaseNumber}";
        using var browser = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);
        await browser.PostFormAsync("/workspace", "/workspace/language", new() { ["language"] = "en", ["returnUrl"] = page });
        Translator.Misbehave.Enqueue(429);

        var html = await ReadAsync(await browser.PostFormAsync(page, page + "?handler=Translate", new() { ["item"] = "description" }));

        Assert.Equal(2, CallsFor(description).Count);
        var (_, label, translated) = TranslationOf(html, "description");
        Assert.Equal("Machine translation into English: it can be wrong, the original is above.", label);
        Assert.Equal("[en] " + description, translated);
        // After a page rendered by a form, the language switch comes back to the page itself, not to its handler.
        Assert.Contains($"name=\"returnUrl\" value=\"{page}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_Translator_stalls_the_page_says_translation_unavailable_keeps_the_original_and_still_works()
    {
        var description = Unique("ខ្ញុំត្រូវគេវាយ");
        var opened = await workspace.OpenCaseAsync(Some.WageComplaint() with { Description = description });
        var page = $"/workspace/cases/{opened.CaseNumber}";
        using var browser = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);
        for (var i = 0; i < 3; i++)
        {
            Translator.Misbehave.Enqueue(0);
        }

        var response = await browser.PostFormAsync(page, page + "?handler=Translate", new() { ["item"] = "description" });
        var html = await response.Content.ReadAsStringAsync(Ct);
        var note = await browser.PostFormAsync(page, page + "?handler=Note", new() { ["text"] = "បានព្យាយាមបកប្រែ" });
        var after = await browser.GetPageAsync(page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ការបកប្រែមិនអាចប្រើបាននៅពេលនេះទេ។", html, StringComparison.Ordinal);
        Assert.Contains(description, Between(html, "id=\"description\"", "</div>"), StringComparison.Ordinal);
        Assert.Contains("name=\"item\" value=\"description\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, note.StatusCode);
        Assert.Contains("បានព្យាយាមបកប្រែ", after, StringComparison.Ordinal);
        Assert.Null(await workspace.Get<TranslationStore>().FindAsync(description, "km", "en", Ct));
    }

    [Fact]
    public async Task An_English_draft_is_translated_into_Khmer_corrected_and_only_the_corrected_Khmer_is_sent()
    {
        var (psid, contact) = await WorkerAsync("ខ្ញុំត្រូវការជំនួយ");
        var opened = await ClaimedCaseAsync(contact.Id);
        var page = $"/workspace/cases/{opened.CaseNumber}";
        using var browser = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);
        var draft = Unique("We called your employer today.");
        const string machine = "យើងបានហៅនិយោជករបស់អ្នកថ្ងៃនេះ។";
        const string corrected = "យើងបានទូរសព្ទទៅនិយោជករបស់អ្នកនៅថ្ងៃនេះ។";
        var sentBefore = workspace.Graph.MessagesTo(psid).Count;
        var form = await browser.GetPageAsync(page);
        string html;
        var previous = Translator.Translate;
        Translator.Translate = (text, to) => to == "km" ? machine : previous(text, to);
        try
        {
            html = await ReadAsync(await browser.PostFormAsync(page, page + "?handler=TranslateReply",
                new() { ["text"] = draft, ["language"] = "km", ["key"] = ReplyKey(form) }));
        }
        finally
        {
            Translator.Translate = previous;
        }
        await workspace.Graph.SettleAsync(300);
        var sentMeanwhile = workspace.Graph.MessagesTo(psid).Count - sentBefore;

        Assert.Contains("id=\"translate-reply\"", form, StringComparison.Ordinal);
        Assert.Equal("?api-version=3.0&from=en&to=km", Assert.Single(CallsFor(draft)).Query);
        Assert.Equal(0, sentMeanwhile);
        var reply = Between(html, "id=\"reply\"", "</form>");
        Assert.Matches($"<textarea name=\"text\"[^>]*lang=\"km\"[^>]*>{machine}</textarea>", reply);
        Assert.Matches($"<textarea name=\"draft\"[^>]*>{Regex.Escape(draft)}</textarea>", reply);
        Assert.Contains("<option value=\"km\" selected=\"selected\">", reply, StringComparison.Ordinal);
        Assert.Contains("ការបកប្រែដោយម៉ាស៊ីនជាភាសាខ្មែរ៖ សូមពិនិត្យ និងកែតម្រូវ។", reply, StringComparison.Ordinal);
        Assert.Equal(ReplyKey(form), ReplyKey(html));
        var recorded = Assert.Single(await Cases.EventsAsync(opened.Id, Ct), e => e.Action == "reply_translated");
        Assert.DoesNotContain("employer", recorded.After, StringComparison.Ordinal);

        // The caseworker corrects the Khmer and sends it: that, and only that, reaches the worker.
        var send = await browser.PostFormAsync(page, page + "?handler=Reply",
            new() { ["text"] = corrected, ["draft"] = draft, ["language"] = "km", ["key"] = ReplyKey(html) });
        await workspace.Graph.WaitUntilAsync(g => g.Calls.Any(c => c.Recipient == psid && c.Text?.EndsWith(corrected, StringComparison.Ordinal) == true));

        Assert.Equal(HttpStatusCode.Redirect, send.StatusCode);
        var sent = workspace.Graph.Calls.Last(c => c.Recipient == psid && c.Text?.EndsWith(corrected, StringComparison.Ordinal) == true);
        Assert.Equal("បុគ្គលិកសង់ត្រាល់៖\n" + corrected, sent.Text);
        Assert.DoesNotContain(workspace.Graph.Calls, c => c.Recipient == psid && c.Text is { } text && (text.Contains(draft, StringComparison.Ordinal) || text.Contains(machine, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task When_the_draft_cannot_be_translated_it_is_kept_as_written_and_can_still_be_sent()
    {
        var (psid, contact) = await WorkerAsync("សួស្តី");
        var opened = await ClaimedCaseAsync(contact.Id);
        var page = $"/workspace/cases/{opened.CaseNumber}";
        using var browser = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);
        var draft = Unique("Please send us a photo of your payslip.");
        for (var i = 0; i < 3; i++)
        {
            Translator.Misbehave.Enqueue(503);
        }

        var html = await ReadAsync(await browser.PostFormAsync(page, page + "?handler=TranslateReply", new() { ["text"] = draft, ["language"] = "en" }));
        await browser.PostFormAsync(page, page + "?handler=Reply", new() { ["text"] = draft, ["language"] = "en", ["key"] = ReplyKey(html) });
        await workspace.Graph.WaitUntilAsync(g => g.Calls.Any(c => c.Recipient == psid && c.Text?.EndsWith(draft, StringComparison.Ordinal) == true));

        var reply = Between(html, "id=\"reply\"", "</form>");
        Assert.Contains("ការបកប្រែមិនអាចប្រើបាននៅពេលនេះទេ។ អត្ថបទរបស់អ្នកនៅដដែល", reply, StringComparison.Ordinal);
        Assert.Matches($"<textarea name=\"text\"[^>]*>{Regex.Escape(draft)}</textarea>", reply);
        Assert.Contains("<option value=\"en\" selected=\"selected\">", reply, StringComparison.Ordinal);
        Assert.Equal("CENTRAL staff:\n" + draft, workspace.Graph.Calls.Last(c => c.Recipient == psid && c.Text?.EndsWith(draft, StringComparison.Ordinal) == true).Text);
    }

    [Fact]
    public async Task Admins_see_how_many_characters_were_sent_this_month()
    {
        var opened = await workspace.OpenCaseAsync(Some.WageComplaint() with { Description = Unique("ប្រាក់ឈ្នួលថែមម៉ោង") });
        var page = $"/workspace/cases/{opened.CaseNumber}";
        using var caseworker = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);
        await caseworker.PostFormAsync(page, page + "?handler=Translate", new() { ["item"] = "description" });
        using var admin = await workspace.SignInAsync(WorkspaceApp.AdminEmail);

        var html = await admin.GetPageAsync("/workspace/admin");

        var used = await workspace.Get<TranslationStore>().CharactersThisMonthAsync(Ct);
        Assert.True(used > 0);
        Assert.Contains($"ចំនួនតួអក្សរដែលបានផ្ញើក្នុងខែនេះ៖ {used}។", Between(html, "id=\"translation\"", "</section>"), StringComparison.Ordinal);
    }

    private List<TranslatorCall> CallsFor(string text) =>
        [.. Translator.Calls.Where(c => JsonNode.Parse(c.Body)?[0]?["Text"]?.GetValue<string>() == text)];

    private static string Unique(string text) => $"{text} ({Guid.NewGuid().ToString("N")[..8]})";

    private static async Task<string> ReadAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {response.Headers.Location}");
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private static string Between(string html, string start, string end)
    {
        var from = html.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"no {start} in the page");
        var to = html.IndexOf(end, from, StringComparison.Ordinal);
        return to < 0 ? html[from..] : html[from..to];
    }

    private static (string Language, string Label, string Text) TranslationOf(string html, string item)
    {
        var match = Regex.Match(html, $"<div class=\"translation\" lang=\"(\\w+)\" data-translation=\"{item}\">\\s*<span class=\"machine\">(.*?)</span>\\s*<div class=\"said\">(.*?)</div>",
            RegexOptions.Singleline);
        Assert.True(match.Success, $"no translation of {item} in the page");
        return (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value);
    }

    private static string ReplyKey(string html) => ReplyKeyPattern().Match(html).Groups[1].Value;

    private async Task<(string Psid, Contact Contact)> WorkerAsync(string firstMessage)
    {
        var psid = Some.Psid();
        await Webhooks.PostAsync(workspace.Http, Webhooks.Text(psid, firstMessage));
        await workspace.Graph.WaitUntilAsync(g => g.MessagesTo(psid).Count >= 3);
        return (psid, (await workspace.Get<ContactStore>().FindAsync("messenger", psid, Ct))!);
    }

    private async Task<OpenedCase> ClaimedCaseAsync(long contactId)
    {
        var opened = await workspace.OpenCaseAsync(Some.WageComplaint(contactId));
        var dara = (await workspace.Get<CaseworkerStore>().FindByEmailAsync(WorkspaceApp.CaseworkerEmail, Ct))!.Id;
        await Cases.ClaimAsync(opened.Id, dara, Ct);
        return opened;
    }

    [GeneratedRegex("name=\"key\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex ReplyKeyPattern();

    [GeneratedRegex("<li class=\"out\".*?</li>", RegexOptions.Singleline)]
    private static partial Regex OutLines();
}
