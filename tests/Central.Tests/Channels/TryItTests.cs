using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Central.Tests.Hosting;

namespace Central.Tests.Channels;

/// <summary>The try-it chat on the embedded default: the page, and the same conversation core behind it.</summary>
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
    }

    [Fact]
    public async Task Get_Started_then_a_tap_holds_the_same_conversation_as_Messenger()
    {
        var user = $"try-{Guid.NewGuid()}";

        Assert.Equal(HttpStatusCode.Accepted, (await _http.PostAsJsonAsync("/api/try", new { user, payload = "GET_STARTED" }, Ct)).StatusCode);
        var welcome = await ReadAsync(user, 0, atLeast: 3);
        await _http.PostAsJsonAsync("/api/try", new { user, text = "English", payload = "CMD:LANG" }, Ct);
        var switched = await ReadAsync(user, 3, atLeast: 2);

        Assert.StartsWith("សួស្តី! នេះជាបូតជជែករបស់សង់ត្រាល់", welcome[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("English", welcome[2].GetProperty("quickReplies")[4].GetProperty("title").GetString());
        Assert.Equal("OK, I'll write in English from now on.", switched[0].GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("not-a-try-user")]
    [InlineData("try-<script>")]
    public async Task A_malformed_user_id_is_refused(string user)
    {
        var response = await _http.PostAsJsonAsync("/api/try", new { user, text = "hi" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<List<JsonElement>> ReadAsync(string user, int after, int atLeast)
    {
        var messages = new List<JsonElement>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        while (messages.Count < atLeast)
        {
            using var page = JsonDocument.Parse(await _http.GetStringAsync($"/api/try/messages?user={user}&after={after + messages.Count}", timeout.Token));
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
