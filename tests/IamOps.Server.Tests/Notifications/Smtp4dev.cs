using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IamOps.Server.Tests.Notifications;

/// <summary>A real smtp4dev (the repository's dotnet tool) on loopback ports, with its messages read through its REST API.</summary>
public sealed partial class Smtp4dev : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly string _dataDirectory;
    private readonly HttpClient _api;

    private Smtp4dev(Process process, StringBuilder output, string dataDirectory, int smtpPort, Uri web)
    {
        _process = process;
        _output = output;
        _dataDirectory = dataDirectory;
        SmtpPort = smtpPort;
        _api = new HttpClient { BaseAddress = web };
    }

    public int SmtpPort { get; }

    /// <summary>Starts smtp4dev with an in-memory store; <paramref name="smtpPort"/> 0 lets it pick a free port.</summary>
    public static async Task<Smtp4dev> StartAsync(CancellationToken ct, int smtpPort = 0)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("iamops-smtp4dev-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "tool", "run", "smtp4dev", "--", "--urls=http://127.0.0.1:0", $"--smtpport={smtpPort}", "--bindaddress=127.0.0.1",
                     "--imapport=", "--pop3port=", "--db=", "--nousersettings", $"--baseappdatapath={dataDirectory}", "--hostname=localhost",
                     "--messagestokeep=100000", "--tlsmode=None",
                 })
        {
            start.ArgumentList.Add(arg);
        }
        var output = new StringBuilder();
        var smtp = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var web = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) =>
        {
            smtp.TrySetException(new InvalidOperationException("smtp4dev exited before listening."));
            web.TrySetException(new InvalidOperationException("smtp4dev exited before listening."));
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var port = await smtp.Task.WaitAsync(TimeSpan.FromSeconds(120), ct);
            var uri = await web.Task.WaitAsync(TimeSpan.FromSeconds(120), ct);
            return new Smtp4dev(process, output, dataDirectory, port, uri);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            process.Kill(entireProcessTree: true);
            string printed;
            lock (output)
            {
                printed = output.ToString();
            }
            throw new InvalidOperationException($"smtp4dev did not start ({e.Message}). Output:\n{printed}", e);
        }

        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (output)
            {
                output.AppendLine(line);
            }
            if (SmtpListening().Match(line) is { Success: true } s)
            {
                smtp.TrySetResult(int.Parse(s.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
            if (WebListening().Match(line) is { Success: true } w)
            {
                web.TrySetResult(new Uri(w.Groups[1].Value.Trim()));
            }
        }
    }

    /// <summary>A free loopback port (nothing listens on it once this returns), for a server that is down on purpose.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Every message received, with its headers (Message-Id among them).</summary>
    public async Task<IReadOnlyList<ReceivedMail>> MessagesAsync(CancellationToken ct)
    {
        var list = await _api.GetFromJsonAsync<JsonElement>("/api/messages?pageSize=100000", ct);
        var mails = new List<ReceivedMail>();
        foreach (var summary in list.GetProperty("results").EnumerateArray())
        {
            var id = summary.GetProperty("id").GetString()!;
            var detail = await _api.GetFromJsonAsync<JsonElement>($"/api/messages/{id}", ct);
            var headers = detail.GetProperty("headers").EnumerateArray()
                .GroupBy(h => h.GetProperty("name").GetString()!, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First().GetProperty("value").GetString()!, StringComparer.OrdinalIgnoreCase);
            var plain = await _api.GetStringAsync($"/api/messages/{id}/plaintext", ct);
            mails.Add(new ReceivedMail(
                id, summary.GetProperty("subject").GetString() ?? "",
                [.. summary.GetProperty("to").EnumerateArray().Select(t => t.GetString()!)], headers, plain));
        }
        return mails;
    }

    /// <summary>The messages whose subject contains <paramref name="marker"/>, once at least <paramref name="expected"/> of them arrived (or the wait ran out).</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(string marker, int expected, TimeSpan timeout, CancellationToken ct)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var mails = (await MessagesAsync(ct)).Where(m => m.Subject.Contains(marker, StringComparison.Ordinal)).ToList();
            if (mails.Count >= expected || DateTime.UtcNow > until)
            {
                return mails;
            }
            await Task.Delay(250, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the exiting process; the temp directory is cleaned later.
        }
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "dotnet-tools.json")) && File.Exists(Path.Combine(dir.FullName, "IamOps.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (with dotnet-tools.json) is not above the test binaries.");
    }

    [GeneratedRegex(@"SMTP Server is listening on port (\d+)")]
    private static partial Regex SmtpListening();

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex WebListening();
}

/// <summary>One e-mail as smtp4dev received it.</summary>
public sealed record ReceivedMail(string Id, string Subject, IReadOnlyList<string> To, IReadOnlyDictionary<string, string> Headers, string PlainText)
{
    public string? MessageId => Headers.TryGetValue("Message-Id", out var id) ? id : null;
}
