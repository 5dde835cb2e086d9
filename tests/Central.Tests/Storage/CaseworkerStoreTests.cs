using Central.Data.Audit;
using Central.Data.Caseworkers;
using Central.Data.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Central.Tests.Storage;

public abstract class CaseworkerStoreTests(SqlDialect dialect) : StorageSuite(dialect)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    private CaseworkerStore Caseworkers => new(Database, _time);

    [Fact]
    public async Task An_email_address_is_taken_once_whatever_its_case()
    {
        var first = await Caseworkers.AddAsync("Sophea@Central.test", "សុភា", CaseworkerRole.Admin, "hash", Ct);
        var second = await Caseworkers.AddAsync("sophea@central.test ", "Other", CaseworkerRole.Caseworker, "hash", Ct);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal("សុភា", (await Caseworkers.FindByEmailAsync("SOPHEA@central.test", Ct))!.Name);
    }

    [Fact]
    public async Task The_fifth_failed_sign_in_locks_the_account()
    {
        var id = (await Caseworkers.AddAsync("a@central.test", "A", CaseworkerRole.Caseworker, "hash", Ct))!.Value;

        for (var i = 0; i < 4; i++)
        {
            await Caseworkers.RecordFailedSignInAsync(id, 5, TimeSpan.FromMinutes(15), Ct);
        }
        var beforeLimit = await Caseworkers.FindAsync(id, Ct);
        await Caseworkers.RecordFailedSignInAsync(id, 5, TimeSpan.FromMinutes(15), Ct);
        var locked = await Caseworkers.FindAsync(id, Ct);

        Assert.Null(beforeLimit!.LockedUntil);
        Assert.Equal(_time.GetUtcNow().AddMinutes(15), locked!.LockedUntil);
    }

    [Fact]
    public async Task Audit_entries_read_back_newest_first()
    {
        var audit = new AuditLog(Database, _time);
        await audit.WriteAsync("caseworker:1", "signed_in", null, null, Ct);
        _time.Advance(TimeSpan.FromMinutes(1));
        await audit.WriteAsync("caseworker:1", "exported", "cases.csv", "42 rows", Ct);

        var entries = await audit.RecentAsync(10, Ct);

        Assert.Equal(["exported", "signed_in"], entries.Select(e => e.Action));
        Assert.Equal(_time.GetUtcNow(), entries[0].At);
    }
}

public sealed class SqliteCaseworkerStoreTests() : CaseworkerStoreTests(SqlDialect.Sqlite);

public sealed class SqlServerCaseworkerStoreTests() : CaseworkerStoreTests(SqlDialect.SqlServer);
