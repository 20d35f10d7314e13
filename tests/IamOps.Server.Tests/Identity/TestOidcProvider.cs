using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace IamOps.Server.Tests.Identity;

/// <summary>The real OpenID Connect provider of <c>tests/oidc-provider</c> (npm oidc-provider), run by node on a free loopback port.</summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    public const string ClientId = "iamops-test";
    public const string ClientSecret = "iamops-test-client-secret-4f1d";

    /// <summary>The password of every account of the provider (see server.mjs).</summary>
    public const string Password = "idp-password-2026";

    private readonly Process _process;
    private readonly StringBuilder _output;

    private TestOidcProvider(Process process, StringBuilder output, Uri issuer)
    {
        _process = process;
        _output = output;
        Issuer = issuer;
    }

    public Uri Issuer { get; }

    /// <summary>What the provider printed, for failure messages.</summary>
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

    /// <summary>
    /// Starts the provider with one confidential client allowed to redirect to <paramref name="redirectUris"/>. It prints
    /// "listening" within a second here; a start that has not after 30 s (seen once in CI on a saturated machine, the
    /// process silent after its first warning) is killed and tried again, up to three times.
    /// </summary>
    public static async Task<TestOidcProvider> StartAsync(IEnumerable<Uri> redirectUris, CancellationToken ct)
    {
        var uris = redirectUris.ToList();
        var failures = new StringBuilder();
        for (var attempt = 1; ; attempt++)
        {
            var (process, output, issuer) = Launch(uris);
            try
            {
                var provider = new TestOidcProvider(process, output, await issuer.WaitAsync(TimeSpan.FromSeconds(30), ct));
                await provider.WaitUntilDiscoverableAsync(ct);
                return provider;
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(CancellationToken.None);
                }
                process.Dispose();
                lock (output)
                {
                    failures.Append(CultureInfo.InvariantCulture, $"Attempt {attempt}: {e.Message}\n{output}\n");
                }
                if (attempt == 3)
                {
                    throw new InvalidOperationException($"The test OIDC provider did not start.\n{failures}", e);
                }
            }
        }
    }

    private static (Process Process, StringBuilder Output, Task<Uri> Issuer) Launch(IReadOnlyList<Uri> redirectUris)
    {
        var directory = FindProviderDirectory();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "server.mjs", "--port", "0", "--client-id", ClientId, "--client-secret", ClientSecret })
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var uri in redirectUris)
        {
            start.ArgumentList.Add("--redirect-uri");
            start.ArgumentList.Add(uri.ToString());
        }

        var output = new StringBuilder();
        var issuer = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => issuer.TrySetException(new InvalidOperationException("node server.mjs exited before listening."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output, issuer.Task);

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
            if (line.StartsWith("listening ", StringComparison.Ordinal))
            {
                issuer.TrySetResult(new Uri(line["listening ".Length..].Trim()));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
        _process.Dispose();
    }

    private async Task WaitUntilDiscoverableAsync(CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        var discovery = new Uri(Issuer, "/.well-known/openid-configuration");
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(discovery, ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (waited.Elapsed < TimeSpan.FromSeconds(30))
            {
            }
            if (waited.Elapsed >= TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException($"{discovery} did not answer within 30 s. Output:\n{Output}");
            }
            await Task.Delay(100, ct);
        }
    }

    private static string FindProviderDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "oidc-provider");
            if (File.Exists(Path.Combine(candidate, "server.mjs")))
            {
                if (!Directory.Exists(Path.Combine(candidate, "node_modules", "oidc-provider")))
                {
                    throw new InvalidOperationException($"Run 'npm ci' in {candidate} first (./test.sh does).");
                }
                return candidate;
            }
        }
        throw new InvalidOperationException("tests/oidc-provider/server.mjs not found above " + AppContext.BaseDirectory);
    }
}
