using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Central.Tests.Hosting;

/// <summary>
/// Central.Bot as its own process, as an operator runs it: for start-up failures, several instances on one
/// database and crash tests. Settings come as environment variables, exactly as in production.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process, string url)
    {
        _process = process;
        Url = url;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Url { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the service with <paramref name="contentRoot"/> as its folder (App_Data goes under it).</summary>
    public static ServiceProcess Start(string contentRoot, IReadOnlyDictionary<string, string> settings)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Central.Bot.dll"), "--contentRoot", contentRoot])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = contentRoot,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = url;
        // These processes test hosting: reading what the content's English questions mean, in the background, would
        // cost each one 11-22 s of CPU that the tests beside it need.
        start.Environment["Knowledge__MatchEnglishMeaning"] = "false";
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }
        return new ServiceProcess(Process.Start(start)!, url);
    }

    /// <summary>Waits for /readyz to answer 200; fails with the service's output if it exits or takes too long.</summary>
    public async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 60;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with code {_process.ExitCode}:\n{Output}");
            }
            try
            {
                using var response = await http.GetAsync($"{Url}/readyz", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"The service was not ready within 60 s:\n{Output}");
    }

    /// <summary>Waits until the service has written <paramref name="text"/>; fails with its output after 2 minutes.</summary>
    public async Task WaitForOutputAsync(string text, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 120;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"The service did not write \"{text}\":\n{Output}");
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown, no flushing — a crash.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>
    /// A free port below the ephemeral range (Linux 32768-60999, Windows 49152-65535): the service binds it a second
    /// later, and in between an outbound connection (the tests open many) could be given an ephemeral one.
    /// </summary>
    private static int FreePort()
    {
        while (true)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }
    }
}
