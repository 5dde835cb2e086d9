using Central.Data.Caseworkers;
using Central.Data.Cases;
using Central.Data.Contacts;
using Central.Tests.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Central.BrowserTests;

/// <summary>
/// Issue 8 in a real browser: a caseworker who reads English better reads a worker's Khmer complaint in English, and
/// answers with an English draft translated into Khmer, corrected by hand, and sent on Messenger.
/// </summary>
public sealed class TranslationScenarioTests(Chromium chromium) : IAsyncLifetime
{
    private const string Complaint = "ថៅកែមិនបើកប្រាក់ខែ ៣ខែហើយ";
    private const string ComplaintInEnglish = "The boss has not paid wages for 3 months";
    private const string Draft = "Hello. We have your case and will call the factory today.";
    private const string DraftInKhmer = "សួស្តី។ យើងមានករណីរបស់អ្នក ហើយនឹងហៅរោងចក្រថ្ងៃនេះ។";
    private const string Corrected = "សួស្តី បង។ យើងបានទទួលករណីរបស់អ្នកហើយ ហើយនឹងទូរសព្ទទៅរោងចក្រនៅថ្ងៃនេះ។";

    private GraphStandIn _graph = null!;
    private TranslatorStandIn _translator = null!;
    private CentralApp _app = null!;
    private HttpClient _service = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly List<IPage> _people = [];

    private async Task<IPage> NewPersonAsync(Uri server, bool phone = false)
    {
        var person = await chromium.NewPersonAsync(server, phone);
        _people.Add(person);
        return person;
    }

    public async ValueTask InitializeAsync()
    {
        _graph = await GraphStandIn.StartAsync();
        _translator = await TranslatorStandIn.StartAsync();
        _translator.Translate = (text, to) => (text, to) switch
        {
            (Complaint, "en") => ComplaintInEnglish,
            (Draft, "km") => DraftInKhmer,
            _ => $"[{to}] {text}",
        };
        _app = new CentralApp(_graph.GraphApiUrl, new Dictionary<string, string?>
        {
            ["Translator:Endpoint"] = _translator.Url,
            ["Translator:Key"] = "test-translator-key",
            ["Translator:Region"] = "southeastasia",
        });
        _service = _app.Start();
        var hasher = _app.Services.GetRequiredService<IPasswordHasher<Caseworker>>();
        await _app.Services.GetRequiredService<CaseworkerStore>().AddAsync("anna@central.test", "Anna", CaseworkerRole.Caseworker,
            hasher.HashPassword(new Caseworker(), "correct horse battery staple"), Ct);
    }

    [Fact]
    public async Task A_caseworker_reads_a_Khmer_complaint_in_English_and_sends_a_checked_Khmer_reply()
    {
        var worker = new Worker(_service, _graph);
        await worker.SaysAsync(Complaint, "សង់ត្រាល់");
        var contact = (await _app.Services.GetRequiredService<ContactStore>().FindAsync("messenger", worker.Psid, Ct))!;
        var opened = await _app.Services.GetRequiredService<CaseStore>().OpenAsync(Tests.Some.WageComplaint(contact.Id) with { Description = Complaint }, Ct);

        // Anna reads English better: she switches the workspace to English and opens the case.
        var anna = await NewPersonAsync(_service.BaseAddress!);
        await CaseworkerScenarioTests.SignInAsync(anna, "anna@central.test");
        await anna.Locator("header button[name=language]").ClickAsync();
        await anna.GotoAsync($"/workspace/cases/{opened.CaseNumber}");
        await anna.Locator("#claim-button").ClickAsync();

        // The description, then the worker's message, in English beside the Khmer.
        await anna.Locator("#report form.translate button").ClickAsync();
        var description = anna.Locator("#report .translation");
        Assert.Equal(ComplaintInEnglish, await description.Locator(".said").InnerTextAsync());
        Assert.StartsWith("Machine translation into English", await description.Locator(".machine").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(Complaint, await anna.Locator("#description").InnerTextAsync());
        await anna.Locator("#conversation li.in form.translate button").First.ClickAsync();
        Assert.Equal(ComplaintInEnglish, await anna.Locator("#conversation li.in .translation .said").First.InnerTextAsync());
        Assert.Equal(1, await anna.Locator("#report .translation").CountAsync());
        Assert.Single(_translator.Calls);

        // She drafts in English, has it translated into Khmer, corrects the Khmer, and sends it.
        await anna.Locator("#reply textarea[name=text]").FillAsync(Draft);
        await anna.Locator("#translate-reply").ClickAsync();
        Assert.Equal(DraftInKhmer, await anna.Locator("#reply textarea[name=text]").InputValueAsync());
        Assert.Equal(Draft, await anna.Locator("#reply textarea[name=draft]").InputValueAsync());
        Assert.Equal("km", await anna.Locator("#reply select[name=language]").InputValueAsync());
        await CaseworkerScenarioTests.SaveScreenshotAsync(anna, "workspace-translated-reply.png");
        await CaseworkerScenarioTests.AssertKhmerRendersAsync(anna, "#description");
        var before = worker.Received.Count;
        await anna.Locator("#reply textarea[name=text]").FillAsync(Corrected);
        await anna.Locator("#send-reply").ClickAsync();

        Assert.Equal("Your reply is on its way to the worker.", await anna.Locator(".notice").InnerTextAsync());
        Assert.Equal("បុគ្គលិកសង់ត្រាល់៖\n" + Corrected, await worker.ToldAsync(Corrected, before));
        Assert.DoesNotContain(worker.Received, text => text.Contains(DraftInKhmer, StringComparison.Ordinal) || text.Contains(Draft, StringComparison.Ordinal));
        Assert.Contains("Reply draft sent to machine translation", await anna.Locator("#timeline").InnerTextAsync(), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        // Only this test's people: the browser is shared with tests running in parallel.
        foreach (var person in _people)
        {
            await person.Context.CloseAsync();
        }
        _service.Dispose();
        await _app.DisposeAsync();
        await _translator.DisposeAsync();
        await _graph.DisposeAsync();
    }
}
