using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Central.Bot.Channels.Messenger;
using Central.Tests.Hosting;

namespace Central.Tests.Channels;

/// <summary>Messenger webhook bodies as Meta sends them: JSON with non-ASCII escaped as \uXXXX, signed with the app secret.</summary>
public static class Webhooks
{
    // Meta stamps events with the time the worker sent them; the 24-hour window counts from there.
    private static long _clock = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();

    public static object Text(string psid, string text, string? mid = null) => Event(psid, new { message = new { mid = mid ?? Some.MessageId(), text } });

    public static object QuickReply(string psid, string title, string payload) =>
        Event(psid, new { message = new { mid = Some.MessageId(), text = title, quick_reply = new { payload } } });

    public static object Postback(string psid, string payload, string title = "Get Started", string? referral = null) =>
        Event(psid, new { postback = new { mid = Some.MessageId(), title, payload, referral = referral is null ? null : new { @ref = referral, source = "SHORTLINK", type = "OPEN_THREAD" } } });

    public static object Attachment(string psid, string type, string url) =>
        Event(psid, new { message = new { mid = Some.MessageId(), attachments = new[] { new { type, payload = new { url } } } } });

    public static object Echo(string psid, string text) =>
        Event(psid, new { message = new { mid = Some.MessageId(), is_echo = true, text } });

    public static object Read(string psid) => Event(psid, new { read = new { watermark = Interlocked.Read(ref _clock) } });

    /// <summary>A webhook body with the events in one entry.</summary>
    public static byte[] Body(params object[] events) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        @object = "page",
        entry = new[] { new { id = "page-1", time = Interlocked.Read(ref _clock), messaging = events } },
    });

    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, byte[] body, string? signature = "valid")
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            content.Headers.Add("X-Hub-Signature-256", signature == "valid" ? MessengerSignature.Sign(CentralApp.AppSecret, body) : signature);
        }
        return await http.PostAsync("/api/messenger", content, TestContext.Current.CancellationToken);
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient http, params object[] events) => PostAsync(http, Body(events));

    private static Dictionary<string, object?> Event(string psid, object content)
    {
        var stamp = Interlocked.Increment(ref _clock);
        var json = JsonSerializer.SerializeToElement(content);
        var result = new Dictionary<string, object?>
        {
            ["sender"] = new { id = psid },
            ["recipient"] = new { id = "page-1" },
            ["timestamp"] = stamp,
        };
        foreach (var property in json.EnumerateObject())
        {
            result[property.Name] = property.Value;
        }
        return result;
    }

    public static string Describe(byte[] body) => Encoding.UTF8.GetString(body).ToString(CultureInfo.InvariantCulture);
}
