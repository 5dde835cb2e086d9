using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Central.Tests.Hosting;

namespace Central.Tests.Channels;

/// <summary>
/// The try-it chat on the embedded default: the page, a small Bot Framework client of /api/messages in emulator mode,
/// whose own connector endpoint (/tryit) takes the bot's replies into the tab's mailbox.
/// </summary>
public sealed class TryItTests : IAsyncLifetime
{
    private CentralApp _app = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _app = new CentralApp();
        _http = _app.Start();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task The_page_is_served_at_the_root_with_a_Khmer_title()
    {
        var page = await _http.GetStringAsync("/", Ct);

        Assert.Contains("<html lang=\"km\">", page, StringComparison.Ordinal);
        Assert.Contains("សាកល្បងជជែក", page, StringComparison.Ordinal);
        Assert.Contains("api/messages", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_then_a_tap_holds_the_same_conversation_as_Messenger()
    {
        var user = $"try-{Guid.NewGuid()}";

        var opened = await _http.PostAsJsonAsync("/api/messages", Activity(user, "conversationUpdate", new { membersAdded = new[] { new { id = "central" }, new { id = user } } }), Ct);
        var welcome = await ReadAsync(user, 0, atLeast: 3);
        await _http.PostAsJsonAsync("/api/messages", Activity(user, "message", new { text = "English", value = new { payload = "CMD:LANG" } }), Ct);
        var switched = await ReadAsync(user, 3, atLeast: 2);

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.StartsWith("សួស្តី! នេះជាបូតជជែករបស់សង់ត្រាល់", welcome[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("English", welcome[2].GetProperty("quickReplies")[4].GetProperty("title").GetString());
        Assert.Equal("CMD:LANG", welcome[2].GetProperty("quickReplies")[4].GetProperty("payload").GetString());
        Assert.Equal("OK, I'll write in English from now on.", switched[0].GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("not-a-try-user")]
    [InlineData("try-<script>")]
    public async Task The_mailbox_refuses_a_malformed_conversation_id(string user)
    {
        var delivered = await _http.PostAsJsonAsync($"/tryit/v3/conversations/{Uri.EscapeDataString(user)}/activities", new { type = "message", text = "hi" }, Ct);
        var read = await _http.GetAsync($"/tryit/messages?user={Uri.EscapeDataString(user)}&after=0", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, delivered.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, read.StatusCode);
    }

    [Fact]
    public async Task The_old_try_endpoint_is_gone()
    {
        var response = await _http.PostAsJsonAsync("/api/try", new { user = $"try-{Guid.NewGuid()}", text = "hi" }, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>What the page sends: its own origin's /tryit as the service URL.</summary>
    private object Activity(string user, string type, object fields)
    {
        var activity = new Dictionary<string, object?>
        {
            ["type"] = type,
            ["id"] = Guid.NewGuid().ToString(),
            ["channelId"] = "tryit",
            ["serviceUrl"] = _http.BaseAddress!.ToString().TrimEnd('/') + "/tryit",
            ["from"] = new { id = user },
            ["recipient"] = new { id = "central", name = "Central" },
            ["conversation"] = new { id = user },
        };
        foreach (var property in JsonSerializer.SerializeToElement(fields).EnumerateObject())
        {
            activity[property.Name] = property.Value;
        }
        return activity;
    }

    private async Task<List<JsonElement>> ReadAsync(string user, int after, int atLeast)
    {
        var messages = new List<JsonElement>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        while (messages.Count < atLeast)
        {
            using var page = JsonDocument.Parse(await _http.GetStringAsync($"/tryit/messages?user={user}&after={after + messages.Count}", timeout.Token));
            messages.AddRange(page.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.Clone()));
        }
        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }
}
