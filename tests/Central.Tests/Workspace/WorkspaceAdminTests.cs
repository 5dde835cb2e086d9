using System.Collections.Concurrent;
using System.Net;
using Central.Data.Caseworkers;
using Central.Data.Cases;
using Central.Data.Contacts;
using Central.Data.Messaging;
using Central.Tests.Channels;
using Central.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Central.Tests.Workspace;

/// <summary>Admins manage accounts and see failed sends; and nothing a worker said or is reaches the logs.</summary>
public sealed class WorkspaceAdminTests : IAsyncLifetime
{
    private readonly CapturedLogs _logs = new();
    private GraphStandIn _graph = null!;
    private CentralApp _app = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _graph = await GraphStandIn.StartAsync();
        _app = new CentralApp(_graph.GraphApiUrl, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Debug" },
            services => services.AddSingleton<ILoggerProvider>(_logs));
        _http = _app.Start();
        await WorkspaceBrowser.AddAccountAsync(_app, "admin@central.test", CaseworkerRole.Admin, "Admin");
        await WorkspaceBrowser.AddAccountAsync(_app, "dara@central.test", CaseworkerRole.Caseworker, "Dara");
    }

    [Fact]
    public async Task An_admin_adds_accounts_with_strong_passwords_only_and_cannot_lock_themselves_out()
    {
        using var admin = await WorkspaceBrowser.SignedInAsync(_http.BaseAddress!, "admin@central.test");
        const string page = "/workspace/admin/accounts";
        var self = (await Store.FindByEmailAsync("admin@central.test", Ct))!.Id;

        await admin.PostFormAsync(page, page + "?handler=Add", new() { ["email"] = "new@central.test", ["name"] = "New", ["role"] = "supervisor", ["password"] = "short" });
        var weak = await admin.GetPageAsync(page);
        await admin.PostFormAsync(page, page + "?handler=Add", new() { ["email"] = "new@central.test", ["name"] = "New", ["role"] = "supervisor", ["password"] = "river mango lantern seven" });
        await admin.PostFormAsync(page, $"{page}?handler=Disable&id={self}", new() { ["disabled"] = "true" });
        var selfRefused = await admin.GetPageAsync(page);

        Assert.Contains("ពាក្យសម្ងាត់ខ្សោយពេក", weak, StringComparison.Ordinal);
        Assert.Equal(CaseworkerRole.Supervisor, (await Store.FindByEmailAsync("new@central.test", Ct))!.Role);
        Assert.Contains("អ្នកមិនអាចប្តូរតួនាទី ឬបិទគណនីរបស់ខ្លួនឯងបានទេ។", selfRefused, StringComparison.Ordinal);
        Assert.False((await Store.FindByEmailAsync("admin@central.test", Ct))!.Disabled);
        using var newcomer = new WorkspaceBrowser(_http.BaseAddress!);
        Assert.Equal(HttpStatusCode.Redirect, (await newcomer.SignInAsync("new@central.test", "river mango lantern seven")).StatusCode);
    }

    [Fact]
    public async Task A_new_role_or_password_ends_the_accounts_open_sessions()
    {
        using var admin = await WorkspaceBrowser.SignedInAsync(_http.BaseAddress!, "admin@central.test");
        using var dara = await WorkspaceBrowser.SignedInAsync(_http.BaseAddress!, "dara@central.test");
        const string page = "/workspace/admin/accounts";
        var id = (await Store.FindByEmailAsync("dara@central.test", Ct))!.Id;

        await admin.PostFormAsync(page, $"{page}?handler=Role&id={id}", new() { ["role"] = CaseworkerRole.Supervisor });
        var afterRole = await dara.GetAsync("/workspace");

        Assert.Equal(HttpStatusCode.Redirect, afterRole.StatusCode);
        Assert.Equal(CaseworkerRole.Supervisor, (await Store.FindByEmailAsync("dara@central.test", Ct))!.Role);
    }

    [Fact]
    public async Task Failed_sends_are_listed_with_their_reason()
    {
        var psid = Some.Psid();
        _graph.FailNext(3, status: 400, code: 551);
        await Webhooks.PostAsync(_http, Webhooks.Text(psid, "hello"));
        await WaitForAsync(async () => (await _app.Services.GetRequiredService<OutboxStore>().RecentFailuresAsync(10, Ct)).Count > 0);
        using var admin = await WorkspaceBrowser.SignedInAsync(_http.BaseAddress!, "admin@central.test");

        var html = await admin.GetPageAsync("/workspace/admin");

        Assert.Contains("data-kind=\"user_unavailable\"", html, StringComparison.Ordinal);
        Assert.Contains("មិនអាចទាក់ទងកម្មករបានទេ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Working_a_case_writes_no_personal_data_to_the_logs()
    {
        var psid = Some.Psid();
        await Webhooks.PostAsync(_http, Webhooks.Text(psid, "សួស្តី ខ្ញុំឈ្មោះ ស្រីនាង"));
        await _graph.WaitUntilAsync(g => g.MessagesTo(psid).Count >= 3);
        var contact = (await _app.Services.GetRequiredService<ContactStore>().FindAsync("messenger", psid, Ct))!;
        var opened = await _app.Services.GetRequiredService<CaseStore>().OpenAsync(Some.WageComplaint(contact.Id), Ct);
        var page = $"/workspace/cases/{opened.CaseNumber}";
        using var dara = await WorkspaceBrowser.SignedInAsync(_http.BaseAddress!, "dara@central.test");

        await dara.PostFormAsync(page, page + "?handler=Claim", []);
        await dara.PostFormAsync(page, page + "?handler=Note", new() { ["text"] = "ប្តីរបស់គាត់ធ្វើការនៅរោងចក្រដដែល" });
        await dara.PostFormAsync(page, page + "?handler=Reply", new() { ["text"] = "សូមផ្ញើរូបថតបង្កាន់ដៃប្រាក់ខែ", ["language"] = "km" });
        await _graph.WaitUntilAsync(g => g.MessagesTo(psid).Count >= 5);
        await dara.GetPageAsync("/workspace/queue.csv");

        var logs = _logs.Text;
        Assert.Contains(opened.CaseNumber, logs, StringComparison.Ordinal);
        foreach (var secret in new[] { psid, "ស្រីនាង", "សុខ ចាន់ថា", "+855 12 000 111", "ថៅកែមិនបើកប្រាក់ខែ", "ប្តីរបស់គាត់", "បង្កាន់ដៃប្រាក់ខែ", "dara@central.test" })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }
    }

    private CaseworkerStore Store => _app.Services.GetRequiredService<CaseworkerStore>();

    private static async Task WaitForAsync(Func<Task<bool>> done)
    {
        for (var i = 0; i < 200 && !await done(); i++)
        {
            await Task.Delay(50, Ct);
        }
        Assert.True(await done(), "condition not met within 10 s");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _graph.DisposeAsync();
    }

    /// <summary>Every log line the host writes, with its arguments rendered, for the no-personal-data check.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public string Text => string.Join("\n", _lines);

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLogs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner._lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}
