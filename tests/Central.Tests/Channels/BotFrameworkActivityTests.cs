using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Central.Data.Storage;
using Central.Tests.Hosting;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Central.Tests.Channels;

/// <summary>
/// /api/messages in emulator mode (Development, no credentials), as the Bot Framework Emulator and Web Chat use it:
/// every Activity type answered as the SDK answers it, bad bodies refused with 400 and never a 500.
/// </summary>
public sealed class BotFrameworkActivityTests : IAsyncLifetime
{
    private BotFrameworkStandIn _connector = null!;
    private CentralApp _app = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _connector = await BotFrameworkStandIn.StartAsync();
        _app = new CentralApp();
        _http = _app.Start();
    }

    [Fact]
    public async Task A_member_added_by_the_Emulator_is_welcomed_in_a_reply_to_the_conversationUpdate()
    {
        var conversation = Guid.NewGuid().ToString("N");
        var update = Activity("conversationUpdate", conversation, user: "emulator-user");
        update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "bot-1" }, new JsonObject { ["id"] = "emulator-user" });

        var response = await Activities.PostAsync(_http, update, token: null);
        await _connector.WaitUntilAsync(c => c.MessagesIn(conversation).Count >= 3);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var welcome = _connector.MessagesIn(conversation);
        Assert.StartsWith("សួស្តី! នេះជាបូតជជែករបស់សង់ត្រាល់", welcome[0].Text, StringComparison.Ordinal);
        Assert.All(welcome, w => Assert.Equal("", w.Authorization));
        Assert.All(welcome, w => Assert.Equal(update["id"]!.GetValue<string>(), w.Body["replyToId"]!.GetValue<string>()));
        Assert.All(welcome, w => Assert.Equal("emulator-user", w.Body["recipient"]!["id"]!.GetValue<string>()));
        Assert.Equal(3, welcome.Count);
    }

    [Theory]
    [InlineData("value")]
    [InlineData("webchat-postBack")]
    public async Task A_tapped_button_from_Web_Chat_or_the_Emulator_carries_its_payload(string how)
    {
        var conversation = Guid.NewGuid().ToString("N");
        await Activities.PostAsync(_http, Message(conversation, "hello"), token: null);
        await _connector.WaitUntilAsync(c => c.MessagesIn(conversation).Count >= 3);

        var tap = how == "value" ? Message(conversation, "ភាសាខ្មែរ") : Message(conversation, "CMD:LANG");
        if (how == "value")
        {
            tap["value"] = new JsonObject { ["payload"] = "CMD:LANG" };
        }
        else
        {
            tap["channelData"] = new JsonObject { ["postBack"] = true };
        }
        await Activities.PostAsync(_http, tap, token: null);
        await _connector.WaitUntilAsync(c => c.MessagesIn(conversation).Count >= 5);

        Assert.Equal("យល់ព្រម! ចាប់ពីពេលនេះ ខ្ញុំនឹងសរសេរជាភាសាខ្មែរ។", _connector.MessagesIn(conversation)[3].Text);
    }

    [Fact]
    public async Task A_bearer_token_while_no_credentials_are_configured_is_refused()
    {
        var response = await Activities.PostAsync(_http, Message(Guid.NewGuid().ToString("N"), "hello"), token: "eyJhbGciOiJub25lIn0.e30.");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM inbox"));
    }

    [Fact]
    public async Task In_emulator_mode_a_service_url_off_this_machine_is_refused()
    {
        var activity = Message(Guid.NewGuid().ToString("N"), "hello");
        activity["serviceUrl"] = "https://smba.trafficmanager.net/apis/";

        var response = await Activities.PostAsync(_http, activity, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM inbox"));
    }

    [Fact]
    public async Task The_health_check_invoke_is_answered_and_any_other_invoke_is_501()
    {
        var health = Activity("invoke", Guid.NewGuid().ToString("N"));
        health["name"] = "healthCheck";
        var other = Activity("invoke", Guid.NewGuid().ToString("N"));
        other["name"] = "adaptiveCard/action";

        var healthResponse = await Activities.PostAsync(_http, health, token: null);
        var otherResponse = await Activities.PostAsync(_http, other, token: null);

        Assert.Equal(HttpStatusCode.OK, healthResponse.StatusCode);
        var body = JsonNode.Parse(await healthResponse.Content.ReadAsStringAsync(Ct))!;
        Assert.True(body["healthResults"]!["success"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotImplemented, otherResponse.StatusCode);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM inbox"));
    }

    [Theory]
    [InlineData("typing")]
    [InlineData("endOfConversation")]
    [InlineData("messageReaction")]
    [InlineData("installationUpdate")]
    [InlineData("event")]
    [InlineData("somethingNew")]
    public async Task Other_activity_types_are_acknowledged_and_nothing_is_said(string type)
    {
        var conversation = Guid.NewGuid().ToString("N");
        var activity = Activity(type, conversation);
        activity["name"] = "webchat/join";

        var response = await Activities.PostAsync(_http, activity, token: null);
        await Task.Delay(200, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM inbox"));
        Assert.Empty(_connector.Calls);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2,3]")]
    [InlineData("null")]
    [InlineData("""{"id":"1","text":"no type"}""")]
    [InlineData("""{"type":"","text":"empty type"}""")]
    [InlineData("""{"type":"message","from":"not an object"}""")]
    [InlineData("""{"type":"message","timestamp":"yesterday"}""")]
    [InlineData("""{"type":"message","text":"no conversation","from":{"id":"u"},"channelId":"emulator","serviceUrl":"http://127.0.0.1:9/"}""")]
    [InlineData("""{"type":"message","text":"no service url","from":{"id":"u"},"channelId":"emulator","conversation":{"id":"c"}}""")]
    public async Task An_unreadable_body_or_an_Activity_without_a_type_is_400_and_nothing_is_stored(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await _http.PostAsync("/api/messages", content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM inbox"));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        var activity = Message(Guid.NewGuid().ToString("N"), new string('x', 600 * 1024));

        var response = await Activities.PostAsync(_http, activity, token: null);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Only_POST_is_allowed()
    {
        var response = await _http.GetAsync("/api/messages", Ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private JsonObject Message(string conversation, string text)
    {
        var activity = Activity("message", conversation);
        activity["text"] = text;
        return activity;
    }

    private JsonObject Activity(string type, string conversation, string user = "emulator-user") => new()
    {
        ["type"] = type,
        ["id"] = Guid.NewGuid().ToString(),
        ["timestamp"] = TimeProvider.System.GetUtcNow().ToString("O"),
        ["serviceUrl"] = _connector.Url,
        ["channelId"] = "emulator",
        ["from"] = new JsonObject { ["id"] = user, ["name"] = "User", ["role"] = "user" },
        ["recipient"] = new JsonObject { ["id"] = "bot-1", ["name"] = "Bot", ["role"] = "bot" },
        ["conversation"] = new JsonObject { ["id"] = conversation },
        ["locale"] = "km-KH",
    };

    private async Task<long> CountAsync(string sql)
    {
        await using var db = await _app.Services.GetRequiredService<Database>().OpenAsync(Ct);
        return await db.ExecuteScalarAsync<long>(sql);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _connector.DisposeAsync();
    }
}
