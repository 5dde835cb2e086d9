using System.Diagnostics;
using System.Net.Sockets;

namespace Central.Bench;

/// <summary>Central.Bot as a separate process, as in production, on a fresh SQLite file.</summary>
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

    public static async Task<ServiceProcess> StartAsync(string serviceDll, string graphUrl)
    {
        var folder = Directory.CreateTempSubdirectory("central-bench-").FullName;
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet", [serviceDll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(serviceDll)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = url;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["ConnectionStrings__Central"] = $"Data Source={Path.Combine(folder, "central.db")}";
        start.Environment["PersonalData__Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        start.Environment["Messenger__AppSecret"] = AppSecret;
        start.Environment["Messenger__VerifyToken"] = "bench-verify";
        start.Environment["Messenger__PageAccessToken"] = "bench-page-token";
        start.Environment["Messenger__GraphApiUrl"] = graphUrl.TrimEnd('/') + "/v23.0";
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
                throw new InvalidOperationException($"The service exited with code {process.ExitCode}.");
            }
            try
            {
                if ((await http.GetAsync($"{url}/readyz")).IsSuccessStatusCode)
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
        throw new TimeoutException("The service did not become ready within 30 s.");
    }

    /// <summary>Peak resident memory (VmHWM) of the service process, in MiB.</summary>
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
