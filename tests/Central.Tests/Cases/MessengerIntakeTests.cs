using System.Text.RegularExpressions;
using Central.Data.Cases;
using Central.Dialogs.Cases.Intake;
using Central.Dialogs.Conversation.Menu;
using Central.Tests.Channels;
using Central.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Central.Tests.Cases;

/// <summary>Complaint intake end to end through /api/messenger and the Graph stand-in, restarts included.</summary>
public sealed partial class MessengerIntakeTests : IAsyncLifetime
{
    private static readonly string Key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private readonly string _folder = Directory.CreateTempSubdirectory("central-intake-").FullName;
    private readonly CapturedLogs _logs = new();
    private GraphStandIn _graph = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _graph = await GraphStandIn.StartAsync();

    [Fact]
    public async Task A_worker_reports_a_wage_violation_in_Khmer_and_nothing_personal_reaches_the_logs()
    {
        await using var app = Start();
        using var http = app.Start();
        var worker = new MessengerUser(app, http, _graph);
        _graph.Files["payslip.jpg"] = ("image/jpeg", Evidence.Jpeg());

        await worker.SayAsync("សួស្តី");
        await worker.TapAsync(MainMenu.ReportPayload, "រាយការណ៍បញ្ហា");
        await worker.TapAsync("unpaid_wages", "មិនបើកប្រាក់ខែ");
        await worker.TapAsync(Questions.DonePayload, "រួចរាល់ ✓");
        await worker.SayAsync("រោងចក្រ សាន់ម៉ាក់ ហ្គាមិន");
        var provinces = await worker.SayAsync("ខ្ញុំធ្វើការនៅភ្នំពេញ");
        await worker.TapAsync("phnom-penh", "ភ្នំពេញ");
        await worker.TapAsync("garment", "កាត់ដេរ/វាយនភណ្ឌ");
        await worker.TapAsync(StartedCodes.OneToTwoMonths, "១–២ ខែមុន");
        await worker.TapAsync("51", "៥១–២០០ នាក់");
        await worker.SayAsync("ថៅកែមិនបើកប្រាក់ខែយើងទាំងអស់គ្នា ៦សប្តាហ៍ហើយ");
        var received = await worker.SendFileAsync("image", _graph.FileUrl("payslip.jpg"));
        await worker.TapAsync(Questions.DonePayload, "រួចរាល់ ✓");
        await worker.TapAsync("coworkers", "មិត្តរួមការងារ");
        await worker.TapAsync(FollowUps.Phone, "តាមទូរសព្ទ");
        await worker.SayAsync("០១២ ៩៨៧ ៦៥៤");
        await worker.SayAsync("ស្រីនាង");
        var summary = await worker.TapAsync("YES", "បាទ/ចាស យល់ព្រម");
        var sent = await worker.TapAsync(ComplaintDialog.SendPayload, "ផ្ញើរបាយការណ៍ ✓");

        Assert.Equal("សូមចុចខេត្ត ឬប្រទេស ឬវាយឈ្មោះវា។", provinces[0].Text);
        Assert.Equal("បានទទួល៖ រូបថត។", received[0].Text);
        Assert.Contains("• ការទាក់ទង៖ តាមទូរសព្ទ 012987654", summary[0].Text, StringComparison.Ordinal);
        var number = CaseNumber().Match(sent[0].Text).Value;
        var stored = await app.Services.GetRequiredService<CaseStore>().FindAsync(number, Ct);
        Assert.Equal("012987654", stored!.Phone);
        Assert.Equal("ស្រីនាង", stored.ReporterName);
        Assert.Equal("សាន់ម៉ាក់ហ្គាមិន", stored.EmployerKey);
        Assert.Single(await app.Services.GetRequiredService<CaseStore>().AttachmentsAsync(stored.Id, Ct));
        Assert.Equal(number, CaseNumber().Match(_logs.Text).Value);
        foreach (var secret in (string[])[worker.Psid, "012987654", "៩៨៧", "ស្រីនាង", "ថៅកែមិនបើក", "សាន់ម៉ាក់"])
        {
            Assert.DoesNotContain(secret, _logs.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_report_left_halfway_survives_a_restart_and_is_picked_up_again()
    {
        var worker = Some.Psid();
        await using (var app = Start())
        {
            using var http = app.Start();
            var user = new MessengerUser(app, http, _graph, worker);
            await user.SayAsync("hello");
            await user.TapAsync(MainMenu.ReportPayload);
            await user.TapAsync("forced_overtime");
            await user.TapAsync(Questions.DonePayload);
            await user.SayAsync("Angkor Shoes");
        }

        await using var restarted = Start();
        using var again = restarted.Start();
        var same = new MessengerUser(restarted, again, _graph, worker);
        var next = await same.TapAsync("kandal", "Kandal");

        Assert.Equal("What kind of work is it?", next[^1].Text);
    }

    [Fact]
    public async Task Hostile_input_is_stored_verbatim_and_sent_back_harmless()
    {
        await using var app = Start();
        using var http = app.Start();
        var worker = new MessengerUser(app, http, _graph);
        var hostile = "<script>alert('x')</script> '; DROP TABLE cases; -- \u0007\u001b[31m ស្ត\u17D2\u17D2ី " + new string('ក', 100);
        var long10k = string.Concat(Enumerable.Repeat("ថៅកែមិនបើកប្រាក់ខែ។ ", 500))[..10_000];

        await worker.SayAsync("hi");
        await worker.TapAsync(MainMenu.ReportPayload);
        await worker.TapAsync("other");
        await worker.SayAsync(hostile[..150]);
        await worker.TapAsync("kep");
        await worker.TapAsync("other");
        var when = await worker.SayAsync(hostile[..90]);
        await worker.TapAsync("1");
        await worker.SayAsync(hostile);
        await worker.SayAsync(long10k);
        await worker.TapAsync(Questions.DonePayload);
        await worker.TapAsync("nobody");
        await worker.TapAsync(FollowUps.Anonymous);
        var summary = await worker.TapAsync("YES");
        var sent = await worker.TapAsync(ComplaintDialog.SendPayload);

        Assert.Equal("How many workers are affected?", when[0].Text);
        Assert.All(summary, m => Assert.DoesNotContain('\u0007', m.Text));
        var stored = await app.Services.GetRequiredService<CaseStore>().FindAsync(CaseNumber().Match(sent[0].Text).Value, Ct);
        Assert.Equal(hostile[..150], stored!.Employer);
        Assert.Equal(hostile[..90], stored.Started);
        Assert.Equal(hostile + "\n\n" + long10k, stored.Description);
        Assert.NotNull(await app.Services.GetRequiredService<CaseStore>().FindAsync(stored.CaseNumber, Ct));
    }

    [Fact]
    public async Task A_worker_checks_their_case_then_deletes_their_data_through_Messenger()
    {
        await using var app = Start();
        using var http = app.Start();
        var worker = new MessengerUser(app, http, _graph);
        await worker.SayAsync("hi");
        await worker.TapAsync(MainMenu.ReportPayload);
        await worker.TapAsync("nssf");
        await worker.TapAsync(Questions.DonePayload);
        await worker.SayAsync("Angkor Shoes");
        await worker.TapAsync("kandal");
        await worker.TapAsync("footwear");
        await worker.TapAsync(StartedCodes.ThisMonth);
        await worker.TapAsync("2");
        await worker.SayAsync("They take NSSF money from our pay but we have no card.");
        await worker.TapAsync(Questions.DonePayload);
        await worker.TapAsync("union");
        await worker.TapAsync(FollowUps.Chat);
        await worker.TapAsync(Questions.SkipPayload);
        await worker.TapAsync("YES");
        var number = CaseNumber().Match((await worker.TapAsync(ComplaintDialog.SendPayload))[0].Text).Value;

        var status = await worker.TapAsync(MainMenu.CasePayload, "Check my case");
        await worker.TapAsync(Dialogs.Conversation.GlobalCommands.MenuPayload);
        await worker.SayAsync("delete my data");
        var deleted = await worker.TapAsync("YES", "Yes, delete");

        Assert.StartsWith($"Case {number}, reported on", status[0].Text, StringComparison.Ordinal);
        Assert.Contains("Received — waiting for a caseworker", status[0].Text, StringComparison.Ordinal);
        Assert.Equal(["Add info or files", "Menu"], status[0].Titles);
        Assert.StartsWith("Done. Your personal data is deleted from 1 report(s)", deleted[0].Text, StringComparison.Ordinal);
        var anonymous = await app.Services.GetRequiredService<CaseStore>().FindAsync(number, Ct);
        Assert.True(anonymous!.Anonymous);
        Assert.Null(anonymous.Description);
    }

    private CentralApp Start()
    {
        var app = new CentralApp(_graph.GraphApiUrl, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Central"] = $"Data Source={Path.Combine(_folder, "central.db")}",
            ["PersonalData:Key"] = Key,
            ["Evidence:AllowedHosts:0"] = "127.0.0.1",
            ["Logging:LogLevel:Default"] = "Debug",
        });
        app.Logs = _logs;
        return app;
    }

    [GeneratedRegex(@"C-\d{4}-\d{5}")]
    private static partial Regex CaseNumber();

    public async ValueTask DisposeAsync()
    {
        await _graph.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>Everything the service logged, formatted, to look for personal data in it.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly System.Text.StringBuilder _text = new();

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (logs._text)
            {
                logs._text.AppendLine($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
