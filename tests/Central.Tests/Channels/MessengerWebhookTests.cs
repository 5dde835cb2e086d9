using System.Net;
using System.Text;
using Central.Bot.Channels.Messenger;
using Central.Data.Storage;
using Central.Dialogs.Conversation;
using Central.Tests.Hosting;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Central.Tests.Channels;

/// <summary>/api/messenger on the real host, with the Graph API a loopback stand-in.</summary>
public sealed class MessengerWebhookTests : IAsyncLifetime
{
    private GraphStandIn _graph = null!;
    private CentralApp _app = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _graph = await GraphStandIn.StartAsync();
        _app = new CentralApp(_graph.GraphApiUrl);
        _http = _app.Start();
    }

    [Fact]
    public async Task Meta_verification_echoes_the_challenge_only_with_the_right_token()
    {
        var good = await _http.GetAsync($"/api/messenger?hub.mode=subscribe&hub.verify_token={CentralApp.VerifyToken}&hub.challenge=1158201444", Ct);
        var bad = await _http.GetAsync("/api/messenger?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444", Ct);

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal("1158201444", await good.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Forbidden, bad.StatusCode);
    }

    [Fact]
    public async Task A_Khmer_message_gets_the_Khmer_welcome_with_buttons_through_the_Send_API()
    {
        var psid = Some.Psid();

        var response = await Webhooks.PostAsync(_http, Webhooks.Text(psid, "សួស្តី បង"));
        await _graph.WaitUntilAsync(g => g.MessagesTo(psid).Count >= 3);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = _graph.Calls.Where(c => c.Recipient == psid && c.Text is not null).ToList();
        Assert.StartsWith("សួស្តី! នេះជាបូតជជែករបស់សង់ត្រាល់", calls[0].Text, StringComparison.Ordinal);
        Assert.All(calls, c => Assert.Equal("RESPONSE", c.Body["messaging_type"]!.GetValue<string>()));
        Assert.All(calls, c => Assert.Equal(CentralApp.PageToken, c.AccessToken));
        Assert.Equal(["សួរអំពីសិទ្ធិ", "រាយការណ៍បញ្ហា", "ពិនិត្យករណី", "និយាយជាមួយបុគ្គលិក", "English"], calls[2].QuickReplies.Select(q => q.Title));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000", HttpStatusCode.Forbidden)]
    [InlineData("sha1=abc", HttpStatusCode.Forbidden)]
    public async Task A_bad_or_missing_signature_is_refused_and_nothing_is_stored(string? signature, HttpStatusCode expected)
    {
        var psid = Some.Psid();

        var response = await Webhooks.PostAsync(_http, Webhooks.Body(Webhooks.Text(psid, "hello")), signature);
        await Task.Delay(300, Ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM inbox"));
        Assert.Empty(_graph.MessagesTo(psid));
    }

    [Fact]
    public async Task A_signature_over_raw_UTF8_Khmer_is_accepted_as_well_as_over_escaped_JSON()
    {
        var psid = Some.Psid();
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var raw = Encoding.UTF8.GetBytes($$$"""{"object":"page","entry":[{"id":"page-1","time":{{{now}}},"messaging":[{"sender":{"id":"{{{psid}}}"},"recipient":{"id":"page-1"},"timestamp":{{{now}}},"message":{"mid":"{{{Some.MessageId()}}}","text":"ជម្រាបសួរ"}}]}]}""");

        var response = await Webhooks.PostAsync(_http, raw);
        await _graph.WaitUntilAsync(g => g.MessagesTo(psid).Count >= 3);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("សួស្តី!", _graph.MessagesTo(psid)[0]["message"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_mid_delivered_twice_is_answered_once()
    {
        var psid = Some.Psid();
        var mid = Some.MessageId();

        await Webhooks.PostAsync(_http, Webhooks.Text(psid, "hello", mid));
        await Webhooks.PostAsync(_http, Webhooks.Text(psid, "hello", mid));
        await _graph.WaitUntilAsync(g => g.MessagesTo(psid).Count >= 3);
        await _graph.SettleAsync();

        Assert.Equal(3, _graph.MessagesTo(psid).Count);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM inbox"));
    }

    [Fact]
    public async Task Twenty_messages_from_one_user_in_one_burst_are_answered_in_order()
    {
        var psid = Some.Psid();
        await Webhooks.PostAsync(_http, Webhooks.Text(psid, "hi"));
        await _graph.WaitUntilAsync(g => g.MessagesTo(psid).Count >= 3);

        var languages = Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? "ខ្មែរ" : "english").ToArray();
        await Task.WhenAll(languages.Select((text, i) => Task.Run(async () =>
        {
            await Task.Delay(i * 3, Ct);
            await Webhooks.PostAsync(_http, Webhooks.Text(psid, text, $"m_burst_{psid}_{i:D2}"));
        }, Ct)));
        await _graph.WaitUntilAsync(g => g.MessagesTo(psid).Count >= 3 + 40);
        await _graph.SettleAsync();

        // Each switch answers with a confirmation and the menu; the confirmations must alternate exactly as the
        // messages were received (the inbox orders them by arrival, one at a time).
        var arrival = await QueryAsync<string>("SELECT message_id FROM inbox WHERE message_id LIKE 'm_burst_%' ORDER BY id");
        var expected = arrival.Select(mid => int.Parse(mid[^2..]) % 2 == 0 ? "យល់ព្រម! ចាប់ពីពេលនេះ ខ្ញុំនឹងសរសេរជាភាសាខ្មែរ។" : "OK, I'll write in English from now on.");
        var confirmations = _graph.MessagesTo(psid).Skip(3).Select(m => m["message"]!["text"]!.GetValue<string>()).Where((_, i) => i % 2 == 0);
        Assert.Equal(expected, confirmations);
        Assert.Equal(43, _graph.MessagesTo(psid).Count);
    }

    [Fact]
    public async Task Echoes_are_ignored_and_read_receipts_recorded_without_a_reply()
    {
        var psid = Some.Psid();
        await Webhooks.PostAsync(_http, Webhooks.Text(psid, "hi"));
        await _graph.WaitUntilAsync(g => g.MessagesTo(psid).Count >= 3);

        var response = await Webhooks.PostAsync(_http, Webhooks.Echo(psid, "Our own message"), Webhooks.Read(psid));
        await _graph.SettleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, _graph.MessagesTo(psid).Count);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM contacts WHERE last_read_at IS NOT NULL"));
    }

    [Fact]
    public async Task Get_Started_with_a_referral_remembers_where_the_worker_came_from()
    {
        var psid = Some.Psid();

        await Webhooks.PostAsync(_http, Webhooks.Postback(psid, MessengerWebhook.GetStarted, referral: "factory-kdl-017"));
        await _graph.WaitUntilAsync(g => g.MessagesTo(psid).Count >= 3);

        Assert.Equal(["factory-kdl-017"], await QueryAsync<string>("SELECT referral FROM contacts"));
    }

    [Fact]
    public async Task Malformed_JSON_is_a_400_and_unknown_events_a_200_never_a_500()
    {
        var psid = Some.Psid();
        var broken = "{\"object\":\"page\",\"entry\":[{\"messaging\":[{\"sender\":"u8.ToArray();
        var notWebhook = "[1,2,3]"u8.ToArray();
        var unknown = Webhooks.Body(new { sender = new { id = psid }, recipient = new { id = "page-1" }, timestamp = 1, reaction = new { emoji = "👍" } },
            Webhooks.Text(psid, "hello"));

        var brokenResponse = await Webhooks.PostAsync(_http, broken);
        var notWebhookResponse = await Webhooks.PostAsync(_http, notWebhook);
        var unknownResponse = await Webhooks.PostAsync(_http, unknown);
        await _graph.WaitUntilAsync(g => g.MessagesTo(psid).Count >= 3);

        Assert.Equal(HttpStatusCode.BadRequest, brokenResponse.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notWebhookResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknownResponse.StatusCode);
    }

    [Fact]
    public async Task A_5_MB_body_is_refused_with_413()
    {
        var huge = Webhooks.Body(Webhooks.Text(Some.Psid(), new string('ក', 5 * 1024 * 1024 / 6)));

        var response = await Webhooks.PostAsync(_http, huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM inbox"));
    }

    [Fact]
    public async Task When_the_Graph_API_fails_three_times_the_reply_still_arrives_once()
    {
        var psid = Some.Psid();
        _graph.FailNext(3, status: 500);

        await Webhooks.PostAsync(_http, Webhooks.Text(psid, "hello"));
        await _graph.WaitUntilAsync(g => g.MessagesTo(psid).Count >= 3);
        await _graph.SettleAsync();

        var welcome = _graph.Calls.Where(c => c.Recipient == psid && c.Text?.StartsWith("Hello! This is the chatbot", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(4, welcome.Count);
        Assert.Equal([false, false, false, true], welcome.Select(c => c.Delivered));
        Assert.Equal(3, _graph.MessagesTo(psid).Count);
    }

    [Fact]
    public async Task A_permanent_error_is_recorded_and_not_retried()
    {
        var psid = Some.Psid();
        _graph.FailNext(1, status: 400, code: 551);

        await Webhooks.PostAsync(_http, Webhooks.Text(psid, "hello"));
        await _graph.WaitUntilAsync(g => g.MessagesTo(psid).Count >= 2);
        await _graph.SettleAsync();

        Assert.Equal(3, _graph.Calls.Count(c => c.Recipient == psid && c.Text is not null));
        Assert.Equal(["user_unavailable"], await QueryAsync<string>("SELECT failure_kind FROM outbox WHERE status = 'failed'"));
    }

    [Fact]
    public async Task A_long_answer_is_split_at_sentence_ends_and_buttons_ride_on_the_last_part()
    {
        var send = _app.Services.GetRequiredService<MessengerSendApi>();
        var sentence = "កម្មករមានសិទ្ធិទទួលប្រាក់ឈ្នួលយ៉ាងហោចណាស់ពីរដងក្នុងមួយខែ។ ";
        var text = string.Concat(Enumerable.Repeat(sentence, 60));

        var parts = send.Prepare(new(Some.Psid(), new OutgoingMessage(text, [new QuickReply("និយាយជាមួយបុគ្គលិកឥឡូវនេះ", "CMD:PERSON")]), Bot.Messaging.Purpose.Reply, TimeProvider.System.GetUtcNow()));

        var bodies = parts.Select(p => System.Text.Json.Nodes.JsonNode.Parse(p)!["message"]!).ToList();
        Assert.True(bodies.Count >= 2);
        Assert.All(bodies, b => Assert.True(b["text"]!.GetValue<string>().Length <= 2000));
        Assert.All(bodies, b => Assert.EndsWith("។", b["text"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal(text.Trim(), string.Join(" ", bodies.Select(b => b["text"]!.GetValue<string>())));
        Assert.All(bodies.SkipLast(1), b => Assert.Null(b["quick_replies"]));
        Assert.Equal("និយាយជាមួយបុគ្គលិកឥ", bodies[^1]["quick_replies"]![0]!["title"]!.GetValue<string>());
    }

    private async Task<int> CountAsync(string sql) => (await QueryAsync<int>(sql)).Single();

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql)
    {
        await using var db = await _app.Services.GetRequiredService<Database>().OpenAsync(Ct);
        return [.. await db.QueryAsync<T>(sql)];
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _graph.DisposeAsync();
    }
}
