using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Central.Bench;

// Drives messages through the whole path (HTTP → inbox → engine → outbox → the channel's API stand-in) and prints
// throughput, acknowledgement and reply latency, and the service's peak memory. Three paths:
//   messenger     signed Messenger webhooks to /api/messenger, replies to a Graph Send API stand-in
//   botframework  Activities from Azure's Facebook channel to /api/messages with a real RS256 channel token
//                 (checked against a local OpenID/JWKS stand-in), replies to a Bot Connector stand-in with an MSAL token
//   peer          the same Activities to the Node Bot Framework SDK peer (bench/peers/peer.js, no auth)
//   bench/run [--path messenger|botframework|peer] [--users 100] [--messages 20] [--text menu] [--senders 1] [--warmup 5]
//   bench/run --soak 600 [--rate 100]   a steady stream for 10 minutes, printing memory every 30 s (it should stay flat)
var options = BenchOptions.Parse(args);
await using var graph = await GraphStandIn.StartAsync();
await using var azure = await BotFrameworkStandIn.StartAsync();
await using var service = options.Route switch
{
    "messenger" => await ServiceProcess.StartCentralAsync(options.ServiceDll, graph.Url, new Dictionary<string, string> { ["BotFramework__Enabled"] = "false" }),
    "botframework" => await ServiceProcess.StartCentralAsync(options.ServiceDll, graph.Url, azure.ServiceSettings()),
    "peer" => await ServiceProcess.StartPeerAsync(options.PeerScript),
    _ => throw new ArgumentException($"--path {options.Route}: use messenger, botframework or peer."),
};
using var http = new HttpClient { BaseAddress = new Uri(service.Url), Timeout = TimeSpan.FromSeconds(30) };
var token = options.Route == "botframework" ? azure.ChannelToken() : null;
Func<string, string, CancellationToken, Task> send = options.Route == "messenger"
    ? (psid, text, ct) => Webhook.SendAsync(http, psid, text, ct)
    : (psid, text, ct) => Activity.SendAsync(http, azure.ServiceUrl, token, psid, text, ct);
Func<string, IReadOnlyList<long>> arrivalsFor = options.Route == "messenger" ? graph.ArrivalsFor : psid => azure.ArrivalsIn(Activity.Conversation(psid));
Func<int> delivered = options.Route == "messenger" ? () => graph.Messages : () => azure.Messages;
var system = options.Route == "peer" ? "Node botbuilder 4.23.3 peer" : "SQLite";
Console.WriteLine($"Central bench, path {options.Route}: {options.Users} users × {options.Messages} messages ('{options.Text}'), {options.Senders} sender(s) per user, {system}, {Environment.ProcessorCount} cores");

// Warm-up: every user says hello and gets the welcome; then one probe says the measured text to learn how
// many messages one such turn produces.
// A soak spreads its stream over enough workers that each writes 15 times a minute, inside the service's per-sender
// allowance (Messaging:SenderPerMinute, 30): past it messages are acknowledged but deliberately not answered.
var userCount = options.SoakSeconds > 0 ? Math.Max(options.Users, options.Rate * 4) : options.Users;
var users = Enumerable.Range(0, userCount).Select(i => $"99{i:D14}").ToArray();
await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (psid, ct) =>
    await send(psid, "សួស្តី", ct));
await Quiet.WaitAsync(delivered, users.Length);
// A fresh process spends its first minute compiling hot code to its fast tier; rounds of the measured text first,
// so the figures are the steady state a running service has.
for (var round = 0; round < options.Warmup; round++)
{
    var before = delivered();
    await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (psid, ct) => await send(psid, options.Text, ct));
    await Quiet.WaitAsync(delivered, before + users.Length);
}
var probeBefore = arrivalsFor(users[0]).Count;
await send(users[0], options.Text, CancellationToken.None);
await Quiet.WaitAsync(delivered, 0);
var perTurn = arrivalsFor(users[0]).Count - probeBefore;
if (perTurn < 1)
{
    Console.WriteLine($"'{options.Text}' produced no reply; choose another --text.");
    return 1;
}
var baseline = users.ToDictionary(u => u, u => arrivalsFor(u).Count);

if (options.SoakSeconds > 0)
{
    return await Soak.RunAsync(options, users, send, delivered, service);
}

// Burst: all users at once; each user's messages sent by `Senders` concurrent senders.
var sent = users.ToDictionary(u => u, _ => new long[options.Messages]);
var acked = users.ToDictionary(u => u, _ => new long[options.Messages]);
var cpuBefore = service.CpuTime();
var acks = new List<double>(options.Users * options.Messages);
var started = Stopwatch.GetTimestamp();
await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (psid, ct) =>
{
    var next = -1;
    var mine = new List<double>();
    await Task.WhenAll(Enumerable.Range(0, options.Senders).Select(async _ =>
    {
        int k;
        while ((k = Interlocked.Increment(ref next)) < options.Messages)
        {
            sent[psid][k] = Stopwatch.GetTimestamp();
            await send(psid, options.Text, ct);
            acked[psid][k] = Stopwatch.GetTimestamp();
            lock (mine)
            {
                mine.Add(Stopwatch.GetElapsedTime(sent[psid][k]).TotalMilliseconds);
            }
        }
    }));
    lock (acks)
    {
        acks.AddRange(mine);
    }
});
var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 600;
while (users.Any(u => arrivalsFor(u).Count < baseline[u] + perTurn * options.Messages) && Stopwatch.GetTimestamp() < deadline)
{
    await Task.Delay(20);
}
var cpu = service.CpuTime() - cpuBefore;
var lastArrival = users.SelectMany(arrivalsFor).Max();
var elapsed = Stopwatch.GetElapsedTime(started, lastArrival).TotalSeconds;

var replyLatencies = new List<double>();
var missing = 0;
foreach (var psid in users)
{
    var arrivals = arrivalsFor(psid);
    // A user's messages are answered in the order the service took them in. With one sender that is the order they
    // were sent; with several at once it is close to the order their acknowledgements came back, so the k-th reply
    // is paired with the k-th message acknowledged.
    var inOrder = Enumerable.Range(0, options.Messages).OrderBy(k => acked[psid][k]).Select(k => sent[psid][k]).ToArray();
    for (var k = 0; k < options.Messages; k++)
    {
        var index = baseline[psid] + k * perTurn;
        if (index >= arrivals.Count)
        {
            missing++;
        }
        else
        {
            replyLatencies.Add(Stopwatch.GetElapsedTime(inOrder[k], arrivals[index]).TotalMilliseconds);
        }
    }
}

var total = options.Users * options.Messages;
Console.WriteLine($"messages:            {total} ({missing} without a reply)");
Console.WriteLine($"throughput:          {total / elapsed:F0} messages/s (first send to last reply, {elapsed:F2} s)");
Console.WriteLine($"acknowledgement:     p50 {Percentile(acks, 50):F2} ms, p99 {Percentile(acks, 99):F2} ms");
Console.WriteLine($"reply latency:       p50 {Percentile(replyLatencies, 50):F0} ms, p99 {Percentile(replyLatencies, 99):F0} ms");
Console.WriteLine($"service CPU:         {cpu.TotalMilliseconds / total:F2} ms per message ({cpu.TotalSeconds:F1} s in all; the bound on 2 cores is {2000 / (cpu.TotalMilliseconds / total):F0} messages/s)");
Console.WriteLine($"peak memory:         {service.PeakMemoryMiB():F0} MiB ({(options.Route == "peer" ? "node" : "service")} VmHWM)");
return missing == 0 ? 0 : 2;

static double Percentile(List<double> values, int p)
{
    if (values.Count == 0)
    {
        return double.NaN;
    }
    var sorted = values.Order().ToArray();
    return sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
}

internal sealed record BenchOptions(string Route, int Users, int Messages, string Text, int Senders, string ServiceDll, string PeerScript, int Warmup,
    int SoakSeconds, int Rate)
{
    public static BenchOptions Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Central.sln")))
        {
            root = Path.GetDirectoryName(root.TrimEnd('/')) ?? throw new InvalidOperationException("Run from inside the repository.");
        }
        return new BenchOptions(
            Get("--path", "messenger"),
            int.Parse(Get("--users", "100"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Get("--messages", "20"), System.Globalization.CultureInfo.InvariantCulture),
            Get("--text", "menu"),
            int.Parse(Get("--senders", "1"), System.Globalization.CultureInfo.InvariantCulture),
            Get("--service", Path.Combine(root, "Central.Bot", "bin", "Release", "net10.0", "Central.Bot.dll")),
            Path.Combine(root, "bench", "peers", "peer.js"),
            int.Parse(Get("--warmup", "5"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Get("--soak", "0"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Get("--rate", "100"), System.Globalization.CultureInfo.InvariantCulture));
    }
}

internal static class Webhook
{
    private static long _sequence;

    public static async Task SendAsync(HttpClient http, string psid, string text, CancellationToken ct)
    {
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var mid = $"m_bench_{Interlocked.Increment(ref _sequence)}_{psid}";
        // JsonSerializer escapes non-ASCII as \uXXXX, as Meta does.
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            @object = "page",
            entry = new[]
            {
                new
                {
                    id = "bench-page",
                    time = now,
                    messaging = new[] { new { sender = new { id = psid }, recipient = new { id = "bench-page" }, timestamp = now, message = new { mid, text } } },
                },
            },
        });
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        content.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ServiceProcess.AppSecret), body)));
        using var response = await http.PostAsync("/api/messenger", content, ct);
        response.EnsureSuccessStatusCode();
    }
}

/// <summary>Activities as Azure Bot Service's Facebook channel posts them: the text, and the raw Messenger event in channelData.</summary>
internal static class Activity
{
    private static long _sequence;

    public static string Conversation(string psid) => $"{psid}-bench-page";

    public static async Task SendAsync(HttpClient http, string serviceUrl, string? token, string psid, string text, CancellationToken ct)
    {
        var now = TimeProvider.System.GetUtcNow();
        var id = $"mid.$bench{Interlocked.Increment(ref _sequence)}";
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            type = "message",
            id,
            timestamp = now,
            serviceUrl,
            channelId = "facebook",
            from = new { id = psid, name = "Bench User" },
            recipient = new { id = "bench-page", name = "CENTRAL" },
            conversation = new { isGroup = false, id = Conversation(psid) },
            text,
            channelData = new
            {
                sender = new { id = psid },
                recipient = new { id = "bench-page" },
                timestamp = now.ToUnixTimeMilliseconds(),
                message = new { mid = id, seq = 0, text },
            },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }
}

internal static class Quiet
{
    /// <summary>Waits until at least <paramref name="atLeast"/> messages arrived and none came for half a second.</summary>
    public static async Task WaitAsync(Func<int> messages, int atLeast)
    {
        var last = -1;
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 120;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(500);
            var now = messages();
            if (now >= atLeast && now == last)
            {
                return;
            }
            last = now;
        }
        throw new TimeoutException($"Replies did not settle: {messages()} arrived, expected at least {atLeast}.");
    }
}
