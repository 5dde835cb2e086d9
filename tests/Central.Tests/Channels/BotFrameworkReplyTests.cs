using System.Net;
using Central.Data.Storage;
using Central.Tests.Hosting;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Central.Tests.Channels;

/// <summary>
/// An Activity from Azure's Facebook channel, authenticated as Azure sends it, answered through the loopback
/// connector stand-in with the token MSAL fetched from the loopback token endpoint.
/// </summary>
public sealed class BotFrameworkReplyTests : IAsyncLifetime
{
    private BotFrameworkStandIn _azure = null!;
    private CentralApp _app = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _azure = await BotFrameworkStandIn.StartAsync();
        _app = new CentralApp(settings: _azure.Settings());
        _http = _app.Start();
    }

    [Fact]
    public async Task A_Khmer_Facebook_message_gets_a_Khmer_reply_to_that_activity_with_suggested_actions()
    {
        var psid = Some.Psid();
        var conversation = $"{psid}-page-1";
        var activity = Activities.FacebookText(_azure.ServiceUrl, psid, "សួស្តី បង");
        var id = activity["id"]!.GetValue<string>();

        var response = await Activities.PostAsync(_http, activity, _azure.Token());
        await _azure.WaitUntilAsync(a => a.MessagesIn(conversation).Count >= 3);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = _azure.MessagesIn(conversation);
        Assert.All(replies, r =>
        {
            Assert.Equal("POST", r.Method);
            Assert.Equal($"/v3/conversations/{Uri.EscapeDataString(conversation)}/activities/{Uri.EscapeDataString(id)}", r.Path);
            Assert.Equal(id, r.Body["replyToId"]!.GetValue<string>());
            Assert.Equal(conversation, r.ConversationId);
            Assert.Equal("facebook", r.Body["channelId"]!.GetValue<string>());
            Assert.Equal(_azure.ServiceUrl, r.Body["serviceUrl"]!.GetValue<string>());
            Assert.Equal("page-1", r.Body["from"]!["id"]!.GetValue<string>());
            Assert.Equal("CENTRAL", r.Body["from"]!["name"]!.GetValue<string>());
            Assert.Equal(psid, r.Body["recipient"]!["id"]!.GetValue<string>());
            Assert.Null(r.Body["id"]);
            Assert.Equal("RESPONSE", r.Body["channelData"]!["messaging_type"]!.GetValue<string>());
            Assert.Equal($"Bearer {_azure.AccessToken}", r.Authorization);
        });
        Assert.StartsWith("សួស្តី! នេះជាបូតជជែករបស់សង់ត្រាល់", replies[0].Text, StringComparison.Ordinal);
        Assert.Equal(["សួរអំពីសិទ្ធិ", "រាយការណ៍បញ្ហា", "ពិនិត្យករណី", "និយាយជាមួយបុគ្គលិក", "English"], replies[2].Actions.Select(a => a.Title));
        Assert.Equal(["MENU:ASK", "MENU:REPORT", "MENU:CASE", "CMD:PERSON", "CMD:LANG"], replies[2].Actions.Select(a => a.Value));
        Assert.Equal("expectingInput", replies[2].Body["inputHint"]!.GetValue<string>());
    }

    [Fact]
    public async Task MSAL_asks_the_token_endpoint_once_with_the_apps_credentials_and_the_connector_scope()
    {
        var psid = Some.Psid();

        await Activities.PostAsync(_http, Activities.FacebookText(_azure.ServiceUrl, psid, "hello"), _azure.Token());
        await Activities.PostAsync(_http, Activities.FacebookText(_azure.ServiceUrl, psid, "ខ្មែរ"), _azure.Token());
        await _azure.WaitUntilAsync(a => a.MessagesIn($"{psid}-page-1").Count >= 5);

        Assert.Equal(1, _azure.TokenRequests);
        Assert.Equal("client_credentials", _azure.TokenRequestForm["grant_type"]);
        Assert.Equal(BotFrameworkStandIn.AppId, _azure.TokenRequestForm["client_id"]);
        Assert.Equal(BotFrameworkStandIn.AppPassword, _azure.TokenRequestForm["client_secret"]);
        Assert.Contains("https://api.botframework.com/.default", _azure.TokenRequestForm["scope"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tapped_quick_reply_is_read_from_the_Messenger_payload_in_channelData()
    {
        var psid = Some.Psid();
        var conversation = $"{psid}-page-1";
        await Activities.PostAsync(_http, Activities.FacebookText(_azure.ServiceUrl, psid, "សួស្តី"), _azure.Token());
        await _azure.WaitUntilAsync(a => a.MessagesIn(conversation).Count >= 3);

        // Azure sends the tapped title as the text; only channelData carries the payload.
        await Activities.PostAsync(_http, Activities.FacebookText(_azure.ServiceUrl, psid, "English", payload: "CMD:LANG"), _azure.Token());
        await _azure.WaitUntilAsync(a => a.MessagesIn(conversation).Count >= 5);

        Assert.Equal("OK, I'll write in English from now on.", _azure.MessagesIn(conversation)[3].Text);
    }

    [Fact]
    public async Task A_connector_500_is_retried_and_the_reply_arrives_once()
    {
        var psid = Some.Psid();
        var conversation = $"{psid}-page-1";
        _azure.FailNext(2, 500);

        await Activities.PostAsync(_http, Activities.FacebookText(_azure.ServiceUrl, psid, "សួស្តី"), _azure.Token());
        await _azure.WaitUntilAsync(a => a.MessagesIn(conversation).Count >= 3);
        await _azure.SettleAsync();

        var greeting = _azure.MessagesIn(conversation)[0].Text!;
        Assert.Equal(3, _azure.MessagesIn(conversation).Count);
        Assert.Equal(1, _azure.MessagesIn(conversation).Count(c => c.Text == greeting));
        Assert.Equal(2, _azure.Calls.Count(c => !c.Delivered && c.Text == greeting));
    }

    [Fact]
    public async Task A_connector_401_is_a_bad_token_recorded_once_and_not_retried()
    {
        var psid = Some.Psid();
        _azure.FailNext(1, 401);

        await Activities.PostAsync(_http, Activities.FacebookPostback(_azure.ServiceUrl, psid, "MENU:ASK", "Ask"), _azure.Token());
        await _azure.WaitUntilAsync(a => a.Calls.Count >= 1);
        await _azure.SettleAsync();

        Assert.Equal(["bad_token"], await QueryAsync<string>("SELECT failure_kind FROM outbox WHERE failure_kind IS NOT NULL"));
    }

    [Fact]
    public async Task The_same_activity_delivered_twice_is_answered_once()
    {
        var psid = Some.Psid();
        var activity = Activities.FacebookText(_azure.ServiceUrl, psid, "hello");

        await Activities.PostAsync(_http, activity, _azure.Token());
        await Activities.PostAsync(_http, activity, _azure.Token());
        await _azure.WaitUntilAsync(a => a.MessagesIn($"{psid}-page-1").Count >= 3);
        await _azure.SettleAsync();

        Assert.Equal(3, _azure.MessagesIn($"{psid}-page-1").Count);
        Assert.Equal(1, (await QueryAsync<long>("SELECT COUNT(*) FROM inbox")).Single());
    }

    [Fact]
    public async Task Get_Started_with_a_referral_welcomes_and_remembers_where_the_worker_came_from()
    {
        var psid = Some.Psid();

        await Activities.PostAsync(_http, Activities.FacebookPostback(_azure.ServiceUrl, psid, "GET_STARTED", "Get Started", referral: "factory-kdl-017"), _azure.Token());
        await _azure.WaitUntilAsync(a => a.MessagesIn($"{psid}-page-1").Count >= 3);

        Assert.StartsWith("សួស្តី!", _azure.MessagesIn($"{psid}-page-1")[0].Text, StringComparison.Ordinal);
        Assert.Equal(["factory-kdl-017"], await QueryAsync<string>("SELECT referral FROM contacts"));
    }

    [Fact]
    public async Task Personal_data_is_not_stored_in_clear()
    {
        var psid = Some.Psid();

        await Activities.PostAsync(_http, Activities.FacebookText(_azure.ServiceUrl, psid, "hello"), _azure.Token());
        await _azure.WaitUntilAsync(a => a.MessagesIn($"{psid}-page-1").Count >= 3);

        foreach (var file in Directory.GetFiles(_app.Folder, "central.db*"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            Assert.DoesNotContain(psid, await reader.ReadToEndAsync(Ct), StringComparison.Ordinal);
        }
    }

    private async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var db = await _app.Services.GetRequiredService<Database>().OpenAsync(Ct);
        return [.. await db.QueryAsync<T>(sql)];
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _azure.DisposeAsync();
    }
}
