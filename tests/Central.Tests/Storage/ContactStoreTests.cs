using Central.Data.Caseworkers;
using Central.Data.Contacts;
using Central.Data.Storage;
using Dapper;

namespace Central.Tests.Storage;

public abstract class ContactStoreTests(SqlDialect dialect) : StorageSuite(dialect)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ContactStore Contacts => new(Database, Cipher, TimeProvider.System);

    [Fact]
    public async Task A_contact_is_created_once_and_its_address_refreshed()
    {
        var psid = Some.Psid();
        var first = await Contacts.TouchInboundAsync("messenger", psid, "old", Ct);
        var second = await Contacts.TouchInboundAsync("messenger", psid, "new", Ct);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal("new", second.Address);
        Assert.NotNull(second.LastInboundAt);
        Assert.Equal(second, await Contacts.FindAsync("messenger", psid, Ct));
    }

    [Fact]
    public async Task The_channel_user_id_is_not_stored_in_clear()
    {
        var psid = Some.Psid();
        await Contacts.TouchInboundAsync("messenger", psid, psid, Ct);

        await using var db = await Database.OpenAsync(Ct);
        var row = await db.QuerySingleAsync<(string UserKey, string Address)>("SELECT user_key, address_enc FROM contacts");
        Assert.DoesNotContain(psid, row.UserKey, StringComparison.Ordinal);
        Assert.DoesNotContain(psid, row.Address, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_and_referral_are_remembered()
    {
        var contact = await Contacts.TouchInboundAsync("messenger", Some.Psid(), "a", Ct);

        await Contacts.SetLanguageAsync(contact.Id, "km", Ct);
        await Contacts.SetReferralAsync(contact.Id, "factory-kdl-017", Ct);

        var read = await Contacts.FindAsync(contact.Id, Ct);
        Assert.Equal("km", read!.Language);
        Assert.Equal("factory-kdl-017", read.Referral);
    }

    [Fact]
    public async Task Asking_for_a_person_pauses_the_bot_until_handed_back()
    {
        var caseworker = await new CaseworkerStore(Database, TimeProvider.System).AddAsync("a@central.test", "Dara", CaseworkerRole.Caseworker, "x", Ct);
        var contact = await Contacts.TouchInboundAsync("messenger", Some.Psid(), "a", Ct);

        await Contacts.RequestHumanAsync(contact.Id, "km", Ct);
        await Contacts.RequestHumanAsync(contact.Id, "km", Ct);
        var waiting = await Contacts.FindAsync(contact.Id, Ct);
        await Contacts.TakeOverAsync(contact.Id, caseworker!.Value, Ct);
        var taken = await Contacts.FindAsync(contact.Id, Ct);
        await Contacts.HandBackAsync(contact.Id, Ct);
        var back = await Contacts.FindAsync(contact.Id, Ct);

        Assert.True(waiting!.BotPaused);
        Assert.Equal(caseworker, taken!.HumanCaseworkerId);
        Assert.False(back!.BotPaused);
        await using var db = await Database.OpenAsync(Ct);
        Assert.Equal(["closed"], await db.QueryAsync<string>("SELECT status FROM human_requests"));
    }
}

public sealed class SqliteContactStoreTests() : ContactStoreTests(SqlDialect.Sqlite);

public sealed class SqlServerContactStoreTests() : ContactStoreTests(SqlDialect.SqlServer);
