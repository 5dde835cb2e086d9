using Central.Data.Conversations;
using Central.Data.Storage;

namespace Central.Tests.Storage;

public abstract class ConversationStateStoreTests(SqlDialect dialect) : StorageSuite(dialect)
{
    private ConversationStateStore Store => new(Database, Cipher, TimeProvider.System);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task State_written_is_read_back_with_its_etag()
    {
        var etag = await Store.TryWriteAsync("messenger/123", """{"step":"ឈ្មោះរោងចក្រ"}""", null, Ct);

        var read = await Store.ReadAsync("messenger/123", Ct);

        Assert.Equal(new StoredState("""{"step":"ឈ្មោះរោងចក្រ"}""", etag!), read);
    }

    [Fact]
    public async Task A_stale_write_is_refused_and_the_newer_state_kept()
    {
        var first = await Store.TryWriteAsync("k", "v1", null, Ct);
        var second = await Store.TryWriteAsync("k", "v2", first, Ct);

        var stale = await Store.TryWriteAsync("k", "v3-from-a-stale-read", first, Ct);

        Assert.NotNull(second);
        Assert.Null(stale);
        Assert.Equal("v2", (await Store.ReadAsync("k", Ct))!.Json);
    }

    [Fact]
    public async Task Creating_state_that_someone_else_created_first_is_a_conflict()
    {
        await Store.TryWriteAsync("k", "theirs", null, Ct);

        Assert.Null(await Store.TryWriteAsync("k", "mine", null, Ct));
        Assert.Equal("theirs", (await Store.ReadAsync("k", Ct))!.Json);
    }

    [Fact]
    public async Task State_is_encrypted_at_rest()
    {
        await Store.TryWriteAsync("k", "+855 12 345 678", null, Ct);

        await using var db = await Database.OpenAsync(Ct);
        var raw = await Dapper.SqlMapper.QuerySingleAsync<string>(db, "SELECT data_enc FROM conversation_state");
        Assert.DoesNotContain("345", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleted_state_is_gone()
    {
        await Store.TryWriteAsync("k", "v", null, Ct);

        await Store.DeleteAsync("k", Ct);

        Assert.Null(await Store.ReadAsync("k", Ct));
    }
}

public sealed class SqliteConversationStateStoreTests() : ConversationStateStoreTests(SqlDialect.Sqlite);

public sealed class SqlServerConversationStateStoreTests() : ConversationStateStoreTests(SqlDialect.SqlServer);
