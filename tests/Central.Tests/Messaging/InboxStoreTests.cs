using Central.Data.Contacts;
using Central.Data.Messaging;
using Central.Data.Storage;
using Central.Tests.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Central.Tests.Messaging;

public abstract class InboxStoreTests(SqlDialect dialect) : StorageSuite(dialect)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    private InboxStore Inbox => new(Database, Cipher, _time);

    [Fact]
    public async Task A_redelivered_message_is_taken_once()
    {
        Assert.True(await Inbox.TryAddAsync("messenger", "m_1", "alice", "{\"text\":\"សួស្តី\"}", Ct));
        Assert.False(await Inbox.TryAddAsync("messenger", "m_1", "alice", "{\"text\":\"សួស្តី\"}", Ct));
        Assert.True(await Inbox.TryAddAsync("botframework", "m_1", "alice", "{}", Ct));

        Assert.Equal(2, await Inbox.PendingCountAsync(Ct));
    }

    [Fact]
    public async Task A_senders_messages_are_claimed_one_at_a_time_in_order()
    {
        await Inbox.TryAddAsync("messenger", "a1", "alice", "1", Ct);
        await Inbox.TryAddAsync("messenger", "b1", "bob", "1", Ct);
        await Inbox.TryAddAsync("messenger", "a2", "alice", "2", Ct);

        var first = await Inbox.ClaimAsync("worker-1", 10, TimeSpan.FromMinutes(1), Ct);
        var whileBusy = await Inbox.ClaimAsync("worker-2", 10, TimeSpan.FromMinutes(1), Ct);
        await Inbox.CompleteAsync(first.Single(i => i.MessageId == "a1").Id, [], Ct);
        var next = await Inbox.ClaimAsync("worker-2", 10, TimeSpan.FromMinutes(1), Ct);

        Assert.Equal(["a1", "b1"], first.Select(i => i.MessageId));
        Assert.Empty(whileBusy);
        Assert.Equal(["a2"], next.Select(i => i.MessageId));
        Assert.Equal("2", next[0].Payload);
    }

    [Fact]
    public async Task An_expired_claim_is_taken_again()
    {
        await Inbox.TryAddAsync("messenger", "a1", "alice", "1", Ct);
        await Inbox.ClaimAsync("crashed-worker", 10, TimeSpan.FromSeconds(30), Ct);

        _time.Advance(TimeSpan.FromSeconds(31));
        var retaken = await Inbox.ClaimAsync("worker-2", 10, TimeSpan.FromSeconds(30), Ct);

        Assert.Equal("a1", Assert.Single(retaken).MessageId);
        Assert.Equal(2, retaken[0].Attempts);
    }

    [Fact]
    public async Task A_failed_message_waits_for_its_retry_and_holds_back_the_senders_next()
    {
        await Inbox.TryAddAsync("messenger", "a1", "alice", "1", Ct);
        await Inbox.TryAddAsync("messenger", "a2", "alice", "2", Ct);
        var claimed = await Inbox.ClaimAsync("w", 10, TimeSpan.FromMinutes(1), Ct);

        await Inbox.RetryLaterAsync(claimed[0].Id, "database busy", TimeSpan.FromSeconds(5), Ct);
        var during = await Inbox.ClaimAsync("w", 10, TimeSpan.FromMinutes(1), Ct);
        _time.Advance(TimeSpan.FromSeconds(6));
        var after = await Inbox.ClaimAsync("w", 10, TimeSpan.FromMinutes(1), Ct);

        Assert.Empty(during);
        Assert.Equal("a1", Assert.Single(after).MessageId);
    }

    [Fact]
    public async Task Completing_queues_the_replies_once_even_when_completed_twice()
    {
        var outbox = new OutboxStore(Database, Cipher, _time);
        await Inbox.TryAddAsync("messenger", "a1", "alice", "1", Ct);
        var item = (await Inbox.ClaimAsync("w", 10, TimeSpan.FromMinutes(1), Ct)).Single();
        OutboxMessage[] replies = [new("messenger", "a1/0", "alice", "{\"text\":\"ជម្រាបសួរ\"}"), new("messenger", "a1/1", "alice", "{}")];

        await Inbox.CompleteAsync(item.Id, replies, Ct);
        await Inbox.CompleteAsync(item.Id, replies, Ct);

        Assert.Equal(0, await Inbox.PendingCountAsync(Ct));
        Assert.Equal(2, await outbox.PendingCountAsync(Ct));
    }

    [Fact]
    public async Task Completing_adds_the_turns_lines_to_the_transcript_once_even_when_completed_twice()
    {
        var contact = await new ContactStore(Database, Cipher, _time).TouchInboundAsync("messenger", "alice", "alice", Ct);
        await Inbox.TryAddAsync("messenger", "a1", "alice", "1", Ct);
        var item = (await Inbox.ClaimAsync("w", 10, TimeSpan.FromMinutes(1), Ct)).Single();
        TranscriptEntry[] lines = [new(TranscriptStore.In, "worker", "ថៅកែមិនបើកប្រាក់ខែ"), new(TranscriptStore.Out, "bot", "សូមអភ័យទោស")];

        await Inbox.CompleteAsync(item.Id, [], contact.Id, lines, Ct);
        await Inbox.CompleteAsync(item.Id, [], contact.Id, lines, Ct);

        var transcript = await new TranscriptStore(Database, Cipher, _time).RecentAsync(contact.Id, 10, Ct);
        Assert.Equal(["ថៅកែមិនបើកប្រាក់ខែ", "សូមអភ័យទោស"], transcript.Select(l => l.Text));
        Assert.Equal(0, await Inbox.PendingCountAsync(Ct));
    }

    [Fact]
    public async Task Processed_messages_are_forgotten_after_the_retention_period_and_pending_ones_never()
    {
        await Inbox.TryAddAsync("messenger", "old", "alice", "1", Ct);
        await Inbox.TryAddAsync("messenger", "waiting", "bob", "1", Ct);
        var old = (await Inbox.ClaimAsync("w", 10, TimeSpan.FromMinutes(1), Ct)).Single(i => i.MessageId == "old");
        await Inbox.CompleteAsync(old.Id, [], Ct);
        _time.Advance(TimeSpan.FromDays(8));

        var purged = await Inbox.PurgeAsync(_time.GetUtcNow().AddDays(-7), Ct);

        Assert.Equal(1, purged);
        Assert.Equal(1, await Inbox.PendingCountAsync(Ct));
    }

    [Fact]
    public async Task Two_workers_claiming_at_once_never_take_the_same_message()
    {
        for (var i = 0; i < 200; i++)
        {
            await Inbox.TryAddAsync("messenger", $"m{i}", $"user{i % 40}", "x", Ct);
        }
        var taken = new System.Collections.Concurrent.ConcurrentBag<string>();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            while (true)
            {
                var batch = await Inbox.ClaimAsync($"w{w}", 7, TimeSpan.FromMinutes(5), Ct);
                if (batch.Count == 0 && await Inbox.PendingCountAsync(Ct) == 0)
                {
                    return;
                }
                foreach (var item in batch)
                {
                    taken.Add(item.MessageId);
                    await Inbox.CompleteAsync(item.Id, [], Ct);
                }
            }
        }, Ct)));

        Assert.Equal(200, taken.Count);
        Assert.Equal(200, taken.Distinct().Count());
    }
}

public sealed class SqliteInboxStoreTests() : InboxStoreTests(SqlDialect.Sqlite);

public sealed class SqlServerInboxStoreTests() : InboxStoreTests(SqlDialect.SqlServer);
