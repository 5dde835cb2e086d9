using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Central.Data.Caseworkers;
using Central.Data.Cases;
using Central.Dialogs.Cases.Intake;
using Central.Dialogs.Conversation.Menu;
using Central.Tests.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Central.BrowserTests;

/// <summary>
/// The workspace in a real browser: a worker reports in Khmer on Messenger (through the webhook, the real intake
/// and the Graph stand-in), and caseworkers pick the case up, answer and close it in Chromium.
/// </summary>
public sealed partial class CaseworkerScenarioTests(Chromium chromium) : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";

    private GraphStandIn _graph = null!;
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
        _app = new CentralApp(_graph.GraphApiUrl);
        _service = _app.Start();
        await AddAccountAsync("dara@central.test", "ដារ៉ា", CaseworkerRole.Caseworker);
        await AddAccountAsync("sokha@central.test", "សុខា", CaseworkerRole.Caseworker);
    }

    [Fact]
    public async Task A_caseworker_picks_up_an_urgent_Khmer_complaint_answers_the_worker_on_Messenger_and_closes_it()
    {
        var clock = Stopwatch.StartNew();
        var worker = new Worker(_service, _graph);
        var caseNumber = await ReportInKhmerAsync(worker);

        // Dara signs in and finds the urgent case at the top of the queue.
        var dara = await NewPersonAsync(_service.BaseAddress!);
        await SignInAsync(dara, "dara@central.test");
        var first = dara.Locator("#queue tbody tr").First;
        Assert.Equal(caseNumber, await first.GetAttributeAsync("data-case"));
        Assert.Equal("បន្ទាន់", await first.Locator(".badge.urgent").InnerTextAsync());

        // Sokha opens the same case in another browser context while nobody has it yet.
        var sokha = await NewPersonAsync(_service.BaseAddress!);
        await SignInAsync(sokha, "sokha@central.test");
        await sokha.GotoAsync($"/workspace/cases/{caseNumber}");
        Assert.True(await sokha.Locator("#claim-button").IsVisibleAsync());

        // Dara claims it first; Sokha's claim is refused and names who has it.
        await first.Locator("a").First.ClickAsync();
        await Assertions.Expect(dara).ToHaveURLAsync(new Regex($"/workspace/cases/{Regex.Escape(caseNumber)}$"));
        Assert.Contains("ថៅកែមិនបើកប្រាក់ខែ ៣ខែហើយ", await dara.Locator("#description").InnerTextAsync(), StringComparison.Ordinal);
        var before = worker.Received.Count;
        await dara.Locator("#claim-button").ClickAsync();
        Assert.Equal("ឥឡូវនេះ ករណីនេះជារបស់អ្នកហើយ។", await dara.Locator(".notice").InnerTextAsync());
        await worker.ToldAsync($"ព័ត៌មានថ្មីអំពីករណីរបស់អ្នក {caseNumber}៖ បុគ្គលិកកំពុងដោះស្រាយ", before);

        await sokha.Locator("#claim-button").ClickAsync();
        Assert.Equal("ដារ៉ា បានទទួលយកករណីនេះរួចហើយ។", await sokha.Locator(".problem").InnerTextAsync());
        Assert.Equal(0, await sokha.Locator("#claim-button").CountAsync());
        Assert.Equal("ដារ៉ា កំពុងទទួលខុសត្រូវករណីនេះ", await sokha.Locator("#holder").InnerTextAsync());

        // An internal note, then a reply in Khmer that reaches the worker through the Send API.
        await dara.Locator("#note textarea").FillAsync("បានទូរសព្ទទៅសហជីពនៅរោងចក្រ។ ពួកគេដឹងរឿងនេះហើយ។");
        await dara.Locator("#note button").ClickAsync();
        Assert.Equal("បានបន្ថែមកំណត់ចំណាំ។", await dara.Locator(".notice").InnerTextAsync());
        Assert.Contains("បានទូរសព្ទទៅសហជីពនៅរោងចក្រ។", await dara.Locator("#timeline").InnerTextAsync(), StringComparison.Ordinal);

        const string reply = "សួស្តី បង។ ខ្ញុំឈ្មោះដារ៉ា មកពីសង់ត្រាល់។ យើងបានទទួលករណីរបស់អ្នកហើយ ហើយនឹងទាក់ទងរោងចក្រនៅថ្ងៃនេះ។";
        before = worker.Received.Count;
        await dara.Locator("#reply select[name=language]").SelectOptionAsync("km");
        await dara.Locator("#reply textarea").FillAsync(reply);
        await dara.Locator("#reply button").ClickAsync();
        Assert.Equal("ការឆ្លើយតបរបស់អ្នកកំពុងផ្ញើទៅកម្មករ។", await dara.Locator(".notice").InnerTextAsync());
        var delivered = await worker.ToldAsync(reply, before);
        Assert.Equal("បុគ្គលិកសង់ត្រាល់៖\n" + reply, delivered);
        var sent = _graph.Calls.Last(c => c.Recipient == worker.Psid && c.Text == delivered);
        Assert.Equal("RESPONSE", sent.Body["messaging_type"]!.GetValue<string>());

        // Closing the case tells the worker, in Khmer.
        before = worker.Received.Count;
        await dara.Locator("#status-form select[name=status]").SelectOptionAsync(CaseStatus.Closed);
        await dara.Locator("#status-form input[name=reason]").FillAsync("រោងចក្របានបើកប្រាក់ខែដែលជំពាក់ទាំងអស់ហើយ");
        await dara.Locator("#status-form button").ClickAsync();
        Assert.StartsWith("បានប្តូរស្ថានភាពទៅ «បានបិទ»", await dara.Locator(".notice").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("បានបិទ", await dara.Locator("#status").InnerTextAsync());
        var told = await worker.ToldAsync(caseNumber, before);
        Assert.StartsWith($"ព័ត៌មានថ្មីអំពីករណីរបស់អ្នក {caseNumber}៖ បានបិទ។", told, StringComparison.Ordinal);

        // The case page as the caseworker sees it, kept as an artifact; and the Khmer on it really renders.
        var transcript = await dara.Locator("#conversation").InnerTextAsync();
        Assert.Contains("ថៅកែមិនបើកប្រាក់ខែ ៣ខែហើយ", transcript, StringComparison.Ordinal);
        Assert.Contains(reply, transcript, StringComparison.Ordinal);
        var screenshot = await SaveScreenshotAsync(dara, "workspace-case-page.png");
        await AssertKhmerRendersAsync(dara, "#description");
        TestContext.Current.SendDiagnosticMessage($"Caseworker scenario took {clock.Elapsed.TotalSeconds:F1} s; screenshot at {screenshot}");
    }

    [Fact]
    public async Task On_a_phone_the_queue_fits_the_screen_and_the_language_switch_turns_it_English()
    {
        await _app.Services.GetRequiredService<CaseStore>().OpenAsync(Tests.Some.WageComplaint() with { Urgent = true }, Ct);
        var phone = await NewPersonAsync(_service.BaseAddress!, phone: true);
        await SignInAsync(phone, "sokha@central.test");

        Assert.Equal("", await Chromium.WiderThanTheScreenAsync(phone));
        await AssertKhmerRendersAsync(phone, "h1");
        await phone.Locator("header button[name=language]").ClickAsync();
        Assert.Equal("Cases", await phone.Locator("h1").InnerTextAsync());
        Assert.Equal("en", await phone.Locator("html").GetAttributeAsync("lang"));
        await SaveScreenshotAsync(phone, "workspace-queue-phone-en.png");
    }

    /// <summary>The whole intake through the Messenger endpoint, in Khmer, as in the intake's own transcript test.</summary>
    private static async Task<string> ReportInKhmerAsync(Worker worker)
    {
        await worker.SaysAsync("សួស្តី", "តើអ្នកចង់ធ្វើអ្វី?");
        await worker.TapsAsync("រាយការណ៍បញ្ហា", MainMenu.ReportPayload, "មានបញ្ហាអ្វីកើតឡើង?");
        await worker.TapsAsync("មិនបើកប្រាក់ខែ", "unpaid_wages", "មានបញ្ហាផ្សេងទៀតទេ?");
        await worker.TapsAsync("រួចរាល់ ✓", Questions.DonePayload, "តើនិយោជក ឬរោងចក្រឈ្មោះអ្វី?");
        await worker.SaysAsync("រោងចក្រកាត់ដេរ ស៊ិនហួ", "កន្លែងធ្វើការនៅឯណា?");
        await worker.SaysAsync("កណ្ដាល", "ជាការងារប្រភេទអ្វី?");
        await worker.TapsAsync("កាត់ដេរ/វាយនភណ្ឌ", "garment", "បញ្ហានេះចាប់ផ្តើមនៅពេលណា?");
        await worker.TapsAsync("លើសពី ២ ខែមុន", StartedCodes.OverTwoMonths, "មានកម្មករប៉ុន្មាននាក់");
        await worker.SaysAsync("១២០នាក់", "សូមប្រាប់យើងពីអ្វីដែលបានកើតឡើង");
        await worker.SaysAsync("ថៅកែមិនបើកប្រាក់ខែ ៣ខែហើយ <script>alert(1)</script>", "អរគុណ។ អ្នកអាចផ្ញើបន្ថែមទៀត");
        await worker.TapsAsync("រួចរាល់ ✓", Questions.DonePayload, "តើសហជីព ឬអ្នកផ្សេងទៀត ដឹងពីបញ្ហានេះហើយឬនៅ?");
        await worker.TapsAsync("សហជីព", "union", "តើចង់ឲ្យបុគ្គលិកទាក់ទងអ្នកតាមរបៀបណា?");
        await worker.TapsAsync("តាមការជជែកនេះ", FollowUps.Chat, "តើបុគ្គលិកគួរហៅអ្នកថាអ្វី?");
        await worker.SaysAsync("ស្រីនាង", "តើអ្នកយល់ព្រមឲ្យសង់ត្រាល់រក្សាទុករបាយការណ៍នេះ");
        await worker.TapsAsync("បាទ/ចាស យល់ព្រម", "YES", "តើត្រឹមត្រូវទេ?");
        var sent = await worker.TapsAsync("ផ្ញើរបាយការណ៍ ✓", "SEND", "លេខករណីរបស់អ្នកគឺ");
        return CaseNumber().Match(sent).Value;
    }

    internal static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/workspace");
        // Expect(…).ToHaveURLAsync, not WaitForURLAsync: the latter can miss the navigation it waits for
        // (microsoft/playwright-dotnet#3364) and then times out on a page that loaded long ago.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/workspace/sign-in\?returnUrl="));
        await page.Locator("input[name=email]").FillAsync(email);
        await page.Locator("input[name=password]").FillAsync(Password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/workspace$"));
    }

    /// <summary>
    /// Khmer renders when (1) Chromium drew the element's text with a font that has Khmer (asked through the DevTools
    /// protocol: the fonts actually used for the node) and (2) Khmer letters measure differently from a missing glyph
    /// (tofu) and a consonant with a subscript (coeng) is shaped narrower than the two letters side by side.
    /// </summary>
    internal static async Task AssertKhmerRendersAsync(IPage page, string selector)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("DOM.enable");
        await cdp.SendAsync("CSS.enable");
        var document = await cdp.SendAsync("DOM.getDocument");
        var root = document!.Value.GetProperty("root").GetProperty("nodeId").GetInt32();
        var node = await cdp.SendAsync("DOM.querySelector", new Dictionary<string, object> { ["nodeId"] = root, ["selector"] = selector });
        var fonts = await cdp.SendAsync("CSS.getPlatformFontsForNode", new Dictionary<string, object> { ["nodeId"] = node!.Value.GetProperty("nodeId").GetInt32() });
        var used = fonts!.Value.GetProperty("fonts").EnumerateArray().Select(f => f.GetProperty("familyName").GetString()!).ToList();
        Assert.Contains(used, family => family.Contains("Khmer", StringComparison.OrdinalIgnoreCase));

        var widths = await page.EvaluateAsync<JsonElement>("""
            () => {
              const font = getComputedStyle(document.body).fontSize + ' ' + getComputedStyle(document.body).fontFamily;
              const context = document.createElement('canvas').getContext('2d');
              context.font = font;
              const width = text => context.measureText(text).width;
              return { ka: width('\u1780'), tofu: width('\u0378'), stack: width('\u179F\u17D2\u178F'), apart: width('\u179F') + width('\u178F') };
            }
            """);
        var ka = widths.GetProperty("ka").GetDouble();
        var tofu = widths.GetProperty("tofu").GetDouble();
        Assert.True(Math.Abs(ka - tofu) > 0.5, $"Khmer letters are drawn as missing glyphs (ក {ka} px, tofu {tofu} px)");
        Assert.True(widths.GetProperty("stack").GetDouble() < widths.GetProperty("apart").GetDouble() - 1,
            string.Create(CultureInfo.InvariantCulture, $"the coeng subscript is not shaped: {widths}"));
    }

    internal static async Task<string> SaveScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepositoryRoot(), "tests", "Central.BrowserTests", "TestResults");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.AddAttachment(name, bytes, "image/png");
        return path;
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Central.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? AppContext.BaseDirectory;
    }

    private async Task AddAccountAsync(string email, string name, string role)
    {
        var hasher = _app.Services.GetRequiredService<IPasswordHasher<Caseworker>>();
        await _app.Services.GetRequiredService<CaseworkerStore>().AddAsync(email, name, role, hasher.HashPassword(new Caseworker(), Password), Ct);
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
        await _graph.DisposeAsync();
    }

    [GeneratedRegex(@"C-\d{4}-\d{5}")]
    private static partial Regex CaseNumber();
}
