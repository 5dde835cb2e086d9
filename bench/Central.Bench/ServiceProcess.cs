using System.Diagnostics;
using System.Net.Sockets;

namespace Central.Bench;

/// <summary>The system under test as a separate process, as in production: Central.Bot on a fresh SQLite file, or the Node peer.</summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    public const string AppSecret = "bench-app-secret";
    private readonly Process _process;
    private readonly string _folder;

    private ServiceProcess(Process process, string folder, string url)
    {
        _process = process;
        _folder = folder;
        Url = url;
    }

    public string Url { get; }

    public int ProcessId => _process.Id;

    /// <summary>Central.Bot in Production with the Messenger channel on, plus <paramref name="settings"/> (as environment variables).</summary>
    public static Task<ServiceProcess> StartCentralAsync(string serviceDll, string graphUrl, IReadOnlyDictionary<string, string> settings)
    {
        var folder = Directory.CreateTempSubdirectory("central-bench-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["ConnectionStrings__Central"] = $"Data Source={Path.Combine(folder, "central.db")}",
            ["PersonalData__Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Messenger__AppSecret"] = AppSecret,
            ["Messenger__VerifyToken"] = "bench-verify",
            ["Messenger__PageAccessToken"] = "bench-page-token",
            ["Messenger__GraphApiUrl"] = graphUrl.TrimEnd('/') + "/v23.0",
        };
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }
        return StartAsync("dotnet", [serviceDll], Path.GetDirectoryName(serviceDll)!, folder, environment, url => $"{url}/readyz", port => environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}");
    }

    /// <summary>The botbuilder peer (bench/peers/peer.js); needs its node_modules (npm install there).</summary>
    public static Task<ServiceProcess> StartPeerAsync(string peerScript)
    {
        var folder = Directory.CreateTempSubdirectory("central-bench-peer-").FullName;
        var port = FreePort();
        return StartAsync("node", [peerScript, port.ToString(System.Globalization.CultureInfo.InvariantCulture)], Path.GetDirectoryName(peerScript)!, folder, [],
            url => $"{url}/api/messages", _ => { }, port);
    }

    private static async Task<ServiceProcess> StartAsync(string fileName, string[] arguments, string workingDirectory, string folder, Dictionary<string, string> environment,
        Func<string, string> readyUrl, Action<int> usePort, int? fixedPort = null)
    {
        var port = fixedPort ?? FreePort();
        usePort(port);
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine($"  [service] {line}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine($"  [service] {line}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{fileName} exited with code {process.ExitCode}.");
            }
            try
            {
                // Any answer means it is listening (the peer answers GET /api/messages with 405).
                using var response = await http.GetAsync(readyUrl(url));
                if (response.IsSuccessStatusCode || fixedPort is not null)
                {
                    return new ServiceProcess(process, folder, url);
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException($"{fileName} did not become ready within 30 s.");
    }

    /// <summary>Peak resident memory (VmHWM) of the process, in MiB.</summary>
    /// <summary>CPU time the service has used so far (user + system), from /proc: a figure that other load on the machine does not inflate.</summary>
    public TimeSpan CpuTime()
    {
        var fields = File.ReadAllText($"/proc/{_process.Id}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>Resident memory now (VmRSS), in MiB.</summary>
    public double MemoryMiB()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
            }
        }
        return double.NaN;
    }

    public double PeakMemoryMiB()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
            }
        }
        return double.NaN;
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        return ((System.Net.IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
