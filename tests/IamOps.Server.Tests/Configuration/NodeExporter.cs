using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IamOps.Server.Tests.Configuration;

/// <summary>A real prometheus-node-exporter (Debian package) on a free loopback port.</summary>
public sealed class NodeExporter : IAsyncDisposable
{
    private readonly Process _process;

    private NodeExporter(Process process, Uri metrics) => (_process, Metrics) = (process, metrics);

    public Uri Metrics { get; }

    public static async Task<NodeExporter> StartAsync(CancellationToken ct)
    {
        var binary = Environment.GetEnvironmentVariable("IAMOPS_TEST_NODE_EXPORTER") ?? "/usr/bin/prometheus-node-exporter";
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException($"{binary} is missing: run the tests through ./test.sh, which installs prometheus-node-exporter.");
        }
        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo(binary, [$"--web.listen-address=127.0.0.1:{port}"])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        })!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var exporter = new NodeExporter(process, new Uri($"http://127.0.0.1:{port}/metrics"));
        using var http = new HttpClient();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var response = await http.GetAsync(exporter.Metrics, ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return exporter;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100, ct);
        }
        await exporter.DisposeAsync();
        throw new TimeoutException("prometheus-node-exporter did not answer within 10 s.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
