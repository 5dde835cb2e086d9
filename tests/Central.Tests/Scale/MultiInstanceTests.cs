using Central.Tests.Channels;
using Central.Tests.Hosting;

namespace Central.Tests.Scale;

/// <summary>
/// Two service processes on one database, as behind a load balancer: a burst of 1,000 messages from 100 workers is
/// answered exactly once and in each worker's order — also when one process is killed (SIGKILL) mid-burst and started
/// again.
/// </summary>
public sealed class MultiInstanceTests : IAsyncLifetime
{
    private const int Users = 100;
    private const int MessagesPerUser = 10;
    private const string Khmer = "យល់ព្រម! ចាប់ពីពេលនេះ ខ្ញុំនឹងសរសេរជាភាសាខ្មែរ។";
    private const string English = "OK, I'll write in English from now on.";

    private readonly string _folder = Directory.CreateTempSubdirectory("central-scale-").FullName;
    private readonly string _key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private readonly ServiceProcess?[] _services = new ServiceProcess?[2];
    private GraphStandIn _graph = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _graph = await GraphStandIn.StartAsync();
        for (var i = 0; i < 2; i++)
        {
            _services[i] = await StartAsync();
        }
        _graph.EchoTargets.AddRange(_services.Select(s => s!.Url));
    }

    [Fact]
    public async Task A_burst_of_1000_messages_from_100_workers_is_answered_exactly_once_in_order()
    {
        var users = await WarmUpAsync();

        await BurstAsync(users, killAfter: null);

        await AssertEveryoneAnsweredOnceInOrderAsync(users);
    }

    [Fact]
    public async Task Killing_one_instance_mid_burst_and_starting_it_again_loses_nothing_and_repeats_nothing()
    {
        var users = await WarmUpAsync();

        await BurstAsync(users, killAfter: 300);

        await AssertEveryoneAnsweredOnceInOrderAsync(users);
    }

    private async Task<string[]> WarmUpAsync()
    {
        var users = Enumerable.Range(0, Users).Select(_ => Some.Psid()).ToArray();
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Ct }, async (psid, ct) =>
            await PostAsync(Webhooks.Text(psid, "hi"), ct));
        await _graph.WaitUntilAsync(g => users.All(u => g.MessagesTo(u).Count >= 3), seconds: 120);
        return users;
    }

    /// <summary>Each worker's messages in order (Meta's order), all workers at once, each message to either instance.</summary>
    private async Task BurstAsync(string[] users, int? killAfter)
    {
        var acknowledged = 0;
        var killed = new TaskCompletionSource();
        var restart = killAfter is null ? Task.CompletedTask : Task.Run(async () =>
        {
            await killed.Task;
            await Task.Delay(1500, Ct);
            _services[0] = await StartAsync();
            lock (_graph.EchoTargets)
            {
                _graph.EchoTargets[0] = _services[0]!.Url;
            }
        }, Ct);
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = Ct }, async (psid, ct) =>
        {
            for (var k = 0; k < MessagesPerUser; k++)
            {
                await PostAsync(Webhooks.Text(psid, k % 2 == 0 ? "ខ្មែរ" : "english", $"m_{psid}_{k:D2}"), ct);
                if (Interlocked.Increment(ref acknowledged) == killAfter)
                {
                    _services[0]!.Kill();
                    killed.TrySetResult();
                }
            }
        });
        await restart;
    }

    private async Task AssertEveryoneAnsweredOnceInOrderAsync(string[] users)
    {
        await _graph.WaitUntilAsync(g => users.All(u => g.MessagesTo(u).Count >= 3 + 2 * MessagesPerUser), seconds: 180);
        await _graph.SettleAsync(1500);
        foreach (var psid in users)
        {
            var texts = _graph.MessagesTo(psid).Skip(3).Select(m => m["message"]!["text"]!.GetValue<string>()).ToList();
            Assert.Equal(2 * MessagesPerUser, texts.Count);
            var confirmations = texts.Where((_, i) => i % 2 == 0);
            Assert.Equal(Enumerable.Range(0, MessagesPerUser).Select(k => k % 2 == 0 ? Khmer : English), confirmations);
        }
    }

    /// <summary>As Meta delivers: to a live instance, again elsewhere if that one does not answer 200.</summary>
    private async Task PostAsync(object message, CancellationToken cancellationToken)
    {
        var body = Webhooks.Body(message);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var service = _services[Random.Shared.Next(2)];
            if (service is null || service.HasExited)
            {
                continue;
            }
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new("application/json");
                content.Headers.Add("X-Hub-Signature-256", Central.Bot.Channels.Messenger.MessengerSignature.Sign(CentralApp.AppSecret, body));
                using var response = await http.PostAsync($"{service.Url}/api/messenger", content, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Killed under us: deliver to the other one.
            }
            await Task.Delay(50, cancellationToken);
        }
        throw new InvalidOperationException("No instance took the webhook.");
    }

    private async Task<ServiceProcess> StartAsync()
    {
        var service = ServiceProcess.Start(_folder, new Dictionary<string, string>
        {
            ["PersonalData__Key"] = _key,
            ["Messenger__AppSecret"] = CentralApp.AppSecret,
            ["Messenger__VerifyToken"] = CentralApp.VerifyToken,
            ["Messenger__PageAccessToken"] = CentralApp.PageToken,
            ["Messenger__GraphApiUrl"] = _graph.GraphApiUrl,
            ["Messaging__LeaseSeconds"] = "5",
            ["Messaging__EchoGraceSeconds"] = "5",
            ["Messaging__PollMilliseconds"] = "100",
            ["Messaging__RetryBaseMilliseconds"] = "100",
            ["Logging__LogLevel__Default"] = "Warning",
            ["TryIt__Enabled"] = "false",
        });
        await service.WaitUntilReadyAsync(Ct);
        return service;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _services)
        {
            if (service is not null)
            {
                await service.DisposeAsync();
            }
        }
        await _graph.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
