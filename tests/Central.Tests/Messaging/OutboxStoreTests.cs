using Central.Data.Messaging;
using Central.Data.Storage;
using Central.Tests.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Central.Tests.Messaging;

public abstract class OutboxStoreTests(SqlDialect dialect) : StorageSuite(dialect)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    private OutboxStore Outbox => new(Database, Cipher, _time);

    [Fact]
    public async Task The_same_idempotency_key_is_queued_once()
    {
        var first = await Outbox.EnqueueAsync([new("messenger", "m1/0", "alice", "a")], Ct);
        var again = await Outbox.EnqueueAsync([new("messenger", "m1/0", "alice", "a"), new("messenger", "m1/1", "alice", "b")], Ct);

        Assert.Equal(1, first);
        Assert.Equal(1, again);
        Assert.Equal(2, await Outbox.PendingCountAsync(Ct));
    }

    [Fact]
    public async Task A_recipients_messages_go_out_in_order_and_a_retry_holds_back_the_rest()
    {
        await Outbox.EnqueueAsync([new("messenger", "1", "alice", "first"), new("messenger", "2", "alice", "second"), new("messenger", "3", "bob", "hi")], Ct);

        var due = await Outbox.ClaimDueAsync("s", 10, TimeSpan.FromMinutes(1), Ct);
        var alicesFirst = due.Single(d => d.RecipientKey == "alice");
        await Outbox.RetryAsync(alicesFirst.Id, _time.GetUtcNow().AddSeconds(10), "503", Ct);
        var whileWaiting = await Outbox.ClaimDueAsync("s", 10, TimeSpan.FromMinutes(1), Ct);
        _time.Advance(TimeSpan.FromSeconds(11));
        var retried = await Outbox.ClaimDueAsync("s", 10, TimeSpan.FromMinutes(1), Ct);
        await Outbox.MarkSentAsync(retried.Single().Id, Ct);
        var last = await Outbox.ClaimDueAsync("s", 10, TimeSpan.FromMinutes(1), Ct);

        Assert.Equal(["first", "hi"], due.Select(d => d.Payload));
        Assert.Empty(whileWaiting);
        Assert.Equal("first", Assert.Single(retried).Payload);
        Assert.Equal(2, retried[0].Attempts);
        Assert.Equal("second", Assert.Single(last).Payload);
    }

    [Fact]
    public async Task A_permanent_failure_is_kept_with_its_reason_and_not_retried()
    {
        await Outbox.EnqueueAsync([new("messenger", "1", "alice", "a"), new("messenger", "2", "alice", "b")], Ct);
        var item = (await Outbox.ClaimDueAsync("s", 10, TimeSpan.FromMinutes(1), Ct)).Single();

        await Outbox.FailAsync(item.Id, "outside_window", "(#10) This message is sent outside of allowed window.", Ct);
        _time.Advance(TimeSpan.FromHours(1));
        var next = await Outbox.ClaimDueAsync("s", 10, TimeSpan.FromMinutes(1), Ct);

        Assert.Equal("b", Assert.Single(next).Payload);
        var failure = Assert.Single(await Outbox.RecentFailuresAsync(10, Ct));
        Assert.Equal("outside_window", failure.FailureKind);
        Assert.Contains("allowed window", failure.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Payloads_are_encrypted_at_rest()
    {
        await Outbox.EnqueueAsync([new("messenger", "1", "alice", "{\"recipient\":{\"id\":\"24011112222\"}}")], Ct);

        await using var db = await Database.OpenAsync(Ct);
        var raw = await Dapper.SqlMapper.QuerySingleAsync<string>(db, "SELECT payload_enc FROM outbox");
        Assert.DoesNotContain("24011112222", raw, StringComparison.Ordinal);
    }
}

public sealed class SqliteOutboxStoreTests() : OutboxStoreTests(SqlDialect.Sqlite);

public sealed class SqlServerOutboxStoreTests() : OutboxStoreTests(SqlDialect.SqlServer);
