using Central.Data.Caseworkers;
using Central.Data.Cases;
using Central.Data.Contacts;
using Central.Data.Storage;
using Central.Tests.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Central.Tests.Cases;

/// <summary>The workspace's queue, linked reports, report figures and people waiting, on each engine.</summary>
public abstract class CaseQueriesTests(SqlDialect dialect) : StorageSuite(dialect)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 2, 0, 0, TimeSpan.Zero));

    private CaseStore Store => new(Database, Cipher, _time);

    private CaseQueries Queries => new(Database);

    [Fact]
    public async Task The_queue_lists_open_cases_urgent_first_then_oldest()
    {
        var oldest = await OpenAsync(Some.WageComplaint());
        var urgentLater = await OpenAsync(Some.WageComplaint() with { Urgent = true });
        var newest = await OpenAsync(Some.WageComplaint());
        var closed = await OpenAsync(Some.WageComplaint());
        await Store.ChangeStatusAsync(closed.Id, 1, CaseStatus.Closed, "done", "caseworker:1", Ct);

        var queue = await Queries.QueueAsync(new QueueFilter(), 0, 100, Ct);
        var everything = await Queries.QueueAsync(new QueueFilter { Status = QueueFilter.AnyStatus }, 0, 100, Ct);

        Assert.Equal([urgentLater.CaseNumber, oldest.CaseNumber, newest.CaseNumber], queue.Select(r => r.CaseNumber));
        Assert.Equal(4, everything.Count);
        Assert.True(queue[0].Urgent);
    }

    [Fact]
    public async Task Filters_combine_and_treat_wildcards_in_the_employer_as_text()
    {
        var caseworker = (await new CaseworkerStore(Database, _time).AddAsync("a@central.test", "A", CaseworkerRole.Caseworker, "hash", Ct))!.Value;
        var kandal = await OpenAsync(Some.WageComplaint() with { Categories = ["unpaid_wages", "forced_overtime"] });
        var takeo = await OpenAsync(Some.WageComplaint() with { Province = "takeo", Employer = "100% Garment_Co", Categories = ["dismissal"] });
        await Store.ClaimAsync(takeo.Id, caseworker, Ct);

        Assert.Equal([kandal.CaseNumber], await Numbers(new QueueFilter { Category = "forced_overtime" }));
        Assert.Equal([takeo.CaseNumber], await Numbers(new QueueFilter { Province = "takeo" }));
        Assert.Equal([takeo.CaseNumber], await Numbers(new QueueFilter { Employer = "100%" }));
        Assert.Equal([takeo.CaseNumber], await Numbers(new QueueFilter { Employer = "t_C" }));
        Assert.Empty(await Numbers(new QueueFilter { Employer = "%" }, mine: false, excludeTakeo: true));
        Assert.Equal([kandal.CaseNumber], await Numbers(new QueueFilter { Employer = "ស៊ិនហួ" }));
        Assert.Equal([takeo.CaseNumber], await Numbers(new QueueFilter { Mine = true }, viewer: caseworker));
        Assert.Equal([kandal.CaseNumber], await Numbers(new QueueFilter { Unassigned = true }));
        Assert.Empty(await Numbers(new QueueFilter { Category = "unpaid" }));

        async Task<string[]> Numbers(QueueFilter filter, bool mine = false, bool excludeTakeo = false, int viewer = 0) =>
            [.. (await Queries.QueueAsync(filter, viewer, 100, Ct)).Select(r => r.CaseNumber).Where(n => !excludeTakeo || n != takeo.CaseNumber)];
    }

    [Fact]
    public async Task Reports_about_the_same_employer_are_linked()
    {
        var first = await OpenAsync(Some.WageComplaint());
        var second = await OpenAsync(Some.WageComplaint() with { Categories = ["forced_overtime"] });
        var elsewhere = await OpenAsync(Some.WageComplaint() with { EmployerKey = "other", Employer = "Other" });

        var linked = await Queries.LinkedAsync(first.Id, Ct);
        var queue = await Queries.QueueAsync(new QueueFilter(), 0, 100, Ct);

        Assert.Equal([second.CaseNumber], linked.Select(r => r.CaseNumber));
        Assert.Equal(1, queue.Single(r => r.Id == first.Id).LinkedCount);
        Assert.Equal(0, queue.Single(r => r.Id == elsewhere.Id).LinkedCount);
    }

    [Fact]
    public async Task The_report_counts_by_ISO_week_category_province_and_employer()
    {
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 2, 3, 0, 0, TimeSpan.Zero));
        await OpenAsync(Some.WageComplaint() with { Categories = ["unpaid_wages", "forced_overtime"] });
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 12, 3, 0, 0, TimeSpan.Zero));
        await OpenAsync(Some.WageComplaint() with { Province = "takeo" });
        await OpenAsync(Some.WageComplaint() with { Province = null, EmployerKey = null, Employer = null });
        _time.Advance(TimeSpan.FromHours(1));
        await OpenAsync(Some.WageComplaint() with { Province = "takeo", Employer = "Sin Hua Garment", Categories = ["dismissal"] });

        var report = await Queries.ReportAsync(new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero), 10, Ct);

        Assert.Equal(4, report.Total);
        Assert.Equal([("2026-W45", 1), ("2026-W46", 3)], report.ByWeek.Select(w => (w.Label!, w.Cases)));
        Assert.Equal([("unpaid_wages", 3), ("dismissal", 1), ("forced_overtime", 1)], report.ByCategory.Select(c => (c.Key, c.Cases)));
        Assert.Equal(4, report.ByProvince.Sum(p => p.Cases));
        Assert.Contains(report.ByProvince, p => p.Key == "takeo" && p.Cases == 2);
        // Three reports about one factory, named as the newest spells it; the report without an employer apart.
        Assert.Equal([("ស៊ិនហួ", "Sin Hua Garment", 3), ("", null, 1)], report.ByEmployer.Select(e => (e.Key, e.Label, e.Cases)));
    }

    [Fact]
    public async Task Workers_who_asked_for_a_person_come_before_conversations_already_taken()
    {
        var contacts = new ContactStore(Database, Cipher, _time);
        var caseworker = (await new CaseworkerStore(Database, _time).AddAsync("a@central.test", "Dara", CaseworkerRole.Caseworker, "hash", Ct))!.Value;
        var taken = await contacts.TouchInboundAsync("messenger", "111", "111", Ct);
        var waiting = await contacts.TouchInboundAsync("messenger", "222", "222", Ct);
        await contacts.TouchInboundAsync("messenger", "333", "333", Ct);
        await contacts.RequestHumanAsync(taken.Id, "km", Ct);
        await contacts.TakeOverAsync(taken.Id, caseworker, Ct);
        _time.Advance(TimeSpan.FromMinutes(5));
        await contacts.RequestHumanAsync(waiting.Id, "en", Ct);

        var people = await Queries.PeopleWantedAsync(Ct);

        Assert.Equal([waiting.Id, taken.Id], people.Select(p => p.ContactId));
        Assert.Null(people[0].CaseworkerName);
        Assert.Equal("Dara", people[1].CaseworkerName);
    }

    [Fact]
    public async Task Assigning_checks_the_version_and_is_recorded()
    {
        var caseworker = (await new CaseworkerStore(Database, _time).AddAsync("a@central.test", "Dara", CaseworkerRole.Caseworker, "hash", Ct))!.Value;
        var opened = await OpenAsync(Some.WageComplaint());

        var stale = await Store.AssignAsync(opened.Id, 7, caseworker, "caseworker:9", Ct);
        var assigned = await Store.AssignAsync(opened.Id, 1, caseworker, "caseworker:9", Ct);

        Assert.False(stale);
        Assert.True(assigned);
        var record = (await Store.FindAsync(opened.Id, Ct))!;
        Assert.Equal((caseworker, CaseStatus.InProgress, 2), (record.AssignedTo!.Value, record.Status, record.Version));
        Assert.Contains(await Store.EventsAsync(opened.Id, Ct), e => e.Action == "assigned" && e.Actor == "caseworker:9");
    }

    private async Task<OpenedCase> OpenAsync(NewCase report)
    {
        var opened = await Store.OpenAsync(report, Ct);
        _time.Advance(TimeSpan.FromMinutes(1));
        return opened;
    }
}

public sealed class SqliteCaseQueriesTests() : CaseQueriesTests(SqlDialect.Sqlite);

public sealed class SqlServerCaseQueriesTests() : CaseQueriesTests(SqlDialect.SqlServer);
