using Central.Data.Caseworkers;
using Central.Data.Cases;
using Central.Data.Contacts;
using Central.Data.Storage;
using Central.Tests.Storage;
using Dapper;

namespace Central.Tests.Cases;

public abstract class CaseStoreTests(SqlDialect dialect) : StorageSuite(dialect)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CaseStore Store => new(Database, Cipher, TimeProvider.System);

    private CaseworkerStore Caseworkers => new(Database, TimeProvider.System);

    [Fact]
    public async Task An_opened_case_reads_back_with_its_Khmer_text_intact()
    {
        var opened = await Store.OpenAsync(Some.WageComplaint(), Ct);

        var read = await Store.FindAsync(opened.CaseNumber, Ct);

        Assert.Matches(@"^C-\d{4}-\d{5}$", opened.CaseNumber);
        Assert.Equal("ថៅកែមិនបើកប្រាក់ខែ ២ខែហើយ", read!.Description);
        Assert.Equal("រោងចក្រកាត់ដេរ ស៊ិនហួ", read.Employer);
        Assert.Equal("សុខ ចាន់ថា", read.ReporterName);
        Assert.Equal(["unpaid_wages"], read.Categories);
        Assert.Equal(CaseStatus.New, read.Status);
        Assert.Equal(120, read.WorkersAffected);
    }

    [Fact]
    public async Task Case_numbers_count_up_within_the_year()
    {
        var first = await Store.OpenAsync(Some.WageComplaint(), Ct);
        var second = await Store.OpenAsync(Some.WageComplaint(), Ct);

        Assert.Equal(int.Parse(first.CaseNumber[^5..]) + 1, int.Parse(second.CaseNumber[^5..]));
    }

    [Fact]
    public async Task Opening_the_same_report_twice_opens_one_case()
    {
        var report = Some.WageComplaint();

        var first = await Store.OpenAsync(report, Ct);
        var again = await Store.OpenAsync(report, Ct);

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal(first.CaseNumber, again.CaseNumber);
    }

    [Fact]
    public async Task Personal_data_is_encrypted_at_rest()
    {
        var report = Some.WageComplaint() with
        {
            Attachments = [new NewAttachment("image", "image/jpeg", "payslip.jpg", null, "payslip 2 months unpaid"u8.ToArray(), TimeProvider.System.GetUtcNow())],
        };
        await Store.OpenAsync(report, Ct);

        await using var db = await Database.OpenAsync(Ct);
        var row = await db.QuerySingleAsync<(string Description, string Name, string Phone)>(
            "SELECT description_enc, reporter_name_enc, phone_enc FROM cases");
        var blob = await db.QuerySingleAsync<byte[]>("SELECT content_enc FROM case_attachments");
        Assert.DoesNotContain("ប្រាក់ខែ", row.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("ចាន់ថា", row.Name, StringComparison.Ordinal);
        Assert.DoesNotContain("000 111", row.Phone, StringComparison.Ordinal);
        Assert.DoesNotContain("unpaid", System.Text.Encoding.UTF8.GetString(blob), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evidence_is_read_back_byte_for_byte()
    {
        var bytes = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 31)).ToArray();
        var opened = await Store.OpenAsync(Some.WageComplaint() with
        {
            Attachments = [new NewAttachment("file", "application/pdf", "contract.pdf", "https://cdn.example/x", bytes, TimeProvider.System.GetUtcNow())],
        }, Ct);

        var attachment = Assert.Single(await Store.AttachmentsAsync(opened.Id, Ct));
        var content = await Store.AttachmentContentAsync(opened.Id, attachment.Id, Ct);

        Assert.Equal(bytes, content!.Value.Content);
        Assert.Equal(70_000, attachment.SizeBytes);
        Assert.Null(await Store.AttachmentContentAsync(opened.Id + 1, attachment.Id, Ct));
    }

    [Fact]
    public async Task Of_fifty_parallel_claims_exactly_one_wins_and_the_rest_learn_who()
    {
        var opened = await Store.OpenAsync(Some.WageComplaint(), Ct);
        var ids = new List<int>();
        for (var i = 0; i < 50; i++)
        {
            ids.Add((await Caseworkers.AddAsync($"cw{i}@central.test", $"Caseworker {i}", CaseworkerRole.Caseworker, "x", Ct))!.Value);
        }

        var results = await Task.WhenAll(ids.Select(id => Task.Run(() => Store.ClaimAsync(opened.Id, id, Ct), Ct)));

        var winner = Assert.Single(results, r => r.Claimed);
        Assert.All(results, r => Assert.Equal(winner.HolderId, r.HolderId));
        Assert.All(results, r => Assert.Equal(winner.HolderName, r.HolderName));
        var read = await Store.FindAsync(opened.CaseNumber, Ct);
        Assert.Equal(winner.HolderId, read!.AssignedTo);
        Assert.Equal(CaseStatus.InProgress, read.Status);
        Assert.Single(await Store.EventsAsync(opened.Id, Ct), e => e.Action == "claimed");
    }

    [Fact]
    public async Task A_status_change_from_a_stale_read_is_refused()
    {
        var opened = await Store.OpenAsync(Some.WageComplaint(), Ct);
        var seen = (await Store.FindAsync(opened.CaseNumber, Ct))!.Version;

        var first = await Store.ChangeStatusAsync(opened.Id, seen, CaseStatus.InProgress, "called the worker", "caseworker:1", Ct);
        var stale = await Store.ChangeStatusAsync(opened.Id, seen, CaseStatus.Closed, "closing from an old page", "caseworker:2", Ct);

        Assert.True(first);
        Assert.False(stale);
        Assert.Equal(CaseStatus.InProgress, (await Store.FindAsync(opened.CaseNumber, Ct))!.Status);
    }

    [Fact]
    public async Task Every_change_is_in_the_timeline_with_who_and_what()
    {
        var opened = await Store.OpenAsync(Some.WageComplaint(), Ct);
        var version = (await Store.FindAsync(opened.CaseNumber, Ct))!.Version;
        await Store.ChangeStatusAsync(opened.Id, version, CaseStatus.WaitingForWorker, "asked for payslips", "caseworker:7", Ct);
        await Store.AddEventAsync(opened.Id, "caseworker:7", "note", new { note = "ជួបកម្មករនៅថ្ងៃច័ន្ទ" }, Ct);

        var events = await Store.EventsAsync(opened.Id, Ct);

        Assert.Equal(["opened", "status", "note"], events.Select(e => e.Action));
        Assert.Contains("waiting_for_worker", events[1].After, StringComparison.Ordinal);
        Assert.Contains("new", events[1].Before, StringComparison.Ordinal);
        Assert.Equal("caseworker:7", events[2].Actor);
        Assert.Contains("ជួបកម្មករ", System.Text.Json.JsonDocument.Parse(events[2].After!).RootElement.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_reporter_finds_the_case_only_with_the_right_code()
    {
        var opened = await Store.OpenAsync(Some.WageComplaint() with { Anonymous = true, ReporterName = null, Phone = null, FollowUpCode = "48213907" }, Ct);

        Assert.NotNull(await Store.FindWithFollowUpCodeAsync(opened.CaseNumber.ToLowerInvariant(), "48213907", Ct));
        Assert.Null(await Store.FindWithFollowUpCodeAsync(opened.CaseNumber, "48213900", Ct));
        Assert.Null(await Store.FindWithFollowUpCodeAsync("C-1999-00001", "48213907", Ct));
    }

    [Fact]
    public async Task A_workers_own_cases_are_found_by_their_contact()
    {
        var contacts = new ContactStore(Database, Cipher, TimeProvider.System);
        var worker = await contacts.TouchInboundAsync("messenger", Some.Psid(), "{}", Ct);
        var other = await contacts.TouchInboundAsync("messenger", Some.Psid(), "{}", Ct);
        var mine = await Store.OpenAsync(Some.WageComplaint(worker.Id), Ct);
        await Store.OpenAsync(Some.WageComplaint(other.Id), Ct);

        var found = await Store.ForContactAsync(worker.Id, Ct);

        Assert.Equal([mine.CaseNumber], found.Select(c => c.CaseNumber));
    }
}

public sealed class SqliteCaseStoreTests() : CaseStoreTests(SqlDialect.Sqlite);

public sealed class SqlServerCaseStoreTests() : CaseStoreTests(SqlDialect.SqlServer);
