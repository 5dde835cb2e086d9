using System.Data.Common;
using Central.Data.Storage;
using Dapper;

namespace Central.Data.Contacts;

/// <summary>
/// A worker as a channel knows them. The channel's user id (a Messenger PSID) is personal data: it is kept
/// encrypted inside <see cref="Address"/> and found again through <see cref="UserKey"/>, a keyed hash.
/// </summary>
public sealed record Contact(long Id, string Channel, string UserKey, string Address, string? Language, string? Referral,
    DateTimeOffset? LastInboundAt, DateTimeOffset? HumanRequestedAt, int? HumanCaseworkerId, DateTimeOffset? OptedOutAt, int PendingUpdates = 0)
{
    /// <summary>A person was asked for or has taken over: the bot must not talk over them.</summary>
    public bool BotPaused => HumanRequestedAt is not null || HumanCaseworkerId is not null;
}

public sealed class ContactStore(Database database, PersonalDataCipher cipher, TimeProvider time)
{
    /// <summary>A worker writing again within this long does not rewrite their contact (a burst costs one read each).</summary>
    private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(1);

    public string UserKey(string channel, string userId) => cipher.LookupKey($"{channel}:{userId}");

    /// <summary>
    /// Records an inbound message: the contact is created on first sight, its address (what the channel needs to
    /// write back: a PSID, or a Bot Framework conversation reference) refreshed, and the 24-hour window reopened.
    /// </summary>
    public async Task<Contact> TouchInboundAsync(string channel, string userId, string address, CancellationToken cancellationToken)
    {
        var userKey = UserKey(channel, userId);
        var now = time.GetUtcNow();
        Contact? known;
        await using (var reader = await database.OpenAsync(cancellationToken))
        {
            known = await FindByKeyAsync(reader, channel, userKey, cancellationToken);
        }
        if (known is not null && known.Address == address && now - known.LastInboundAt < Fresh)
        {
            return known;
        }
        var args = new { channel, userKey, address = cipher.Encrypt(address), now };
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        var row = await db.QuerySingleAsync<ContactRow>(new CommandDefinition(database.Sql(
            sqlite: """
                INSERT INTO contacts (channel, user_key, address_enc, last_inbound_at, created_at)
                VALUES (@channel, @userKey, @address, @now, @now)
                ON CONFLICT (channel, user_key) DO UPDATE SET address_enc = excluded.address_enc, last_inbound_at = excluded.last_inbound_at
                RETURNING id AS Id, channel AS Channel, user_key AS UserKey, address_enc AS AddressEnc, language AS Language,
                          referral AS Referral, last_inbound_at AS LastInboundAt, human_requested_at AS HumanRequestedAt,
                          human_caseworker_id AS HumanCaseworkerId, opted_out_at AS OptedOutAt
                """,
            sqlServer: """
                MERGE contacts WITH (HOLDLOCK) AS c
                USING (SELECT @channel AS channel, @userKey AS user_key) AS s ON c.channel = s.channel AND c.user_key = s.user_key
                WHEN MATCHED THEN UPDATE SET address_enc = @address, last_inbound_at = @now
                WHEN NOT MATCHED THEN INSERT (channel, user_key, address_enc, last_inbound_at, created_at)
                    VALUES (@channel, @userKey, @address, @now, @now)
                OUTPUT inserted.id AS Id, inserted.channel AS Channel, inserted.user_key AS UserKey, inserted.address_enc AS AddressEnc,
                       inserted.language AS Language, inserted.referral AS Referral, inserted.last_inbound_at AS LastInboundAt,
                       inserted.human_requested_at AS HumanRequestedAt, inserted.human_caseworker_id AS HumanCaseworkerId,
                       inserted.opted_out_at AS OptedOutAt;
                """), args, cancellationToken: cancellationToken));
        return row.ToContact(cipher) with { PendingUpdates = known?.PendingUpdates ?? 0 };
    }

    public async Task<Contact?> FindAsync(string channel, string userId, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        return await FindByKeyAsync(db, channel, UserKey(channel, userId), cancellationToken);
    }

    public async Task<Contact?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        var row = await db.QuerySingleOrDefaultAsync<ContactRow>(new CommandDefinition("""
            SELECT id AS Id, channel AS Channel, user_key AS UserKey, address_enc AS AddressEnc, language AS Language,
                   referral AS Referral, last_inbound_at AS LastInboundAt, human_requested_at AS HumanRequestedAt,
                   human_caseworker_id AS HumanCaseworkerId, opted_out_at AS OptedOutAt
            FROM contacts WHERE id = @id
            """, new { id }, cancellationToken: cancellationToken));
        return row?.ToContact(cipher);
    }

    public async Task SetLanguageAsync(long id, string language, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE contacts SET language = @language WHERE id = @id
            """, new { id, language }, cancellationToken: cancellationToken));
    }

    /// <summary>Remembers where the worker came from (an m.me link or QR code's <c>ref</c>, e.g. a factory code).</summary>
    public async Task SetReferralAsync(long id, string referral, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE contacts SET referral = @referral WHERE id = @id
            """, new { id, referral = referral.Length > 200 ? referral[..200] : referral }, cancellationToken: cancellationToken));
    }

    /// <summary>Records a read or delivery receipt (the newest watermark wins); unknown workers are not created by it.</summary>
    public async Task RecordReceiptAsync(string channel, string userId, string kind, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var args = new { channel, userKey = UserKey(channel, userId), at };
        await using var db = await database.OpenForWriteAsync(cancellationToken, acknowledging: true);
        await db.ExecuteAsync(new CommandDefinition(kind == "read"
            ? """
              UPDATE contacts SET last_read_at = @at
              WHERE channel = @channel AND user_key = @userKey AND (last_read_at IS NULL OR last_read_at < @at)
              """
            : """
              UPDATE contacts SET last_delivered_at = @at
              WHERE channel = @channel AND user_key = @userKey AND (last_delivered_at IS NULL OR last_delivered_at < @at)
              """, args, cancellationToken: cancellationToken));
    }

    /// <summary>The worker asked for a person: the bot goes quiet and the request waits in the workspace.</summary>
    public async Task RequestHumanAsync(long id, string language, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE contacts SET human_requested_at = @now WHERE id = @id
            """, new { id, now }, transaction, cancellationToken: cancellationToken));
        await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO human_requests (contact_id, requested_at, language, status)
            SELECT @id, @now, @language, 'open'
            WHERE NOT EXISTS (SELECT 1 FROM human_requests WHERE contact_id = @id AND status <> 'closed')
            """, new { id, now, language }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A caseworker takes over the conversation; the bot stays quiet for this worker until handed back.</summary>
    public async Task TakeOverAsync(long id, int caseworkerId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE contacts SET human_caseworker_id = @caseworkerId, human_since = @now WHERE id = @id
            """, new { id, caseworkerId, now }, transaction, cancellationToken: cancellationToken));
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE human_requests SET status = 'taken', taken_by = @caseworkerId, taken_at = @now
            WHERE contact_id = @id AND status = 'open'
            """, new { id, caseworkerId, now }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Hands the conversation back to the bot (by the caseworker, or by the worker choosing the menu).</summary>
    public async Task HandBackAsync(long id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE contacts SET human_requested_at = NULL, human_caseworker_id = NULL, human_since = NULL WHERE id = @id
            """, new { id }, transaction, cancellationToken: cancellationToken));
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE human_requests SET status = 'closed', closed_at = @now WHERE contact_id = @id AND status <> 'closed'
            """, new { id, now }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<Contact?> FindByKeyAsync(DbConnection db, string channel, string userKey, CancellationToken cancellationToken)
    {
        var row = await db.QuerySingleOrDefaultAsync<ContactRow>(new CommandDefinition("""
            SELECT id AS Id, channel AS Channel, user_key AS UserKey, address_enc AS AddressEnc, language AS Language,
                   referral AS Referral, last_inbound_at AS LastInboundAt, human_requested_at AS HumanRequestedAt,
                   human_caseworker_id AS HumanCaseworkerId, opted_out_at AS OptedOutAt,
                   (SELECT COUNT(*) FROM worker_updates u WHERE u.contact_id = contacts.id AND u.delivered_at IS NULL) AS PendingUpdates
            FROM contacts WHERE channel = @channel AND user_key = @userKey
            """, new { channel, userKey }, cancellationToken: cancellationToken));
        return row?.ToContact(cipher);
    }

    private sealed class ContactRow
    {
        public long Id { get; init; }
        public string Channel { get; init; } = "";
        public string UserKey { get; init; } = "";
        public string AddressEnc { get; init; } = "";
        public string? Language { get; init; }
        public string? Referral { get; init; }
        public DateTimeOffset? LastInboundAt { get; init; }
        public DateTimeOffset? HumanRequestedAt { get; init; }
        public int? HumanCaseworkerId { get; init; }
        public DateTimeOffset? OptedOutAt { get; init; }
        public int PendingUpdates { get; init; }

        public Contact ToContact(PersonalDataCipher cipher) => new(Id, Channel, UserKey, cipher.Decrypt(AddressEnc), Language, Referral,
            LastInboundAt, HumanRequestedAt, HumanCaseworkerId, OptedOutAt, PendingUpdates);
    }
}
