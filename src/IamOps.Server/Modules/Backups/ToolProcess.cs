using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;

namespace IamOps.Server.Modules.Backups;

/// <summary>Settings of backup management.</summary>
public sealed class BackupOptions
{
    /// <summary>Where artifacts, pgBackRest repositories and restored instances live.</summary>
    [Required]
    public string DataDirectory { get; set; } = Path.Combine("data", "backups");

    /// <summary>PostgreSQL binaries (initdb, pg_ctl, pg_dump, pg_restore); found from IAMOPS_PG_BIN, pg_config or /usr/lib/postgresql when empty.</summary>
    public string? PgBinDirectory { get; set; }

    /// <summary>pgBackRest executable.</summary>
    public string PgBackRest { get; set; } = "pgbackrest";

    /// <summary>System user the server-side tools (initdb, pg_ctl, pgBackRest) run as; "postgres" by default when IamOps runs as root.</summary>
    public string? RunToolsAs { get; set; }

    [Range(typeof(TimeSpan), "00:00:05", "2.00:00:00")]
    public TimeSpan ToolTimeout { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Start the Quartz scheduler (disabled in tests that drive runs themselves).</summary>
    public bool SchedulerEnabled { get; set; } = true;

    /// <summary>Name of this IamOps instance (machine name by default): at start-up, only its own running records become interrupted.</summary>
    public string? InstanceName { get; set; }
}

/// <summary>Outcome of a tool run: exit code and the tail of its output.</summary>
public sealed record ToolResult(int ExitCode, string Output, bool TimedOut, bool Cancelled)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut && !Cancelled;
}

/// <summary>Runs PostgreSQL tools as child processes: arguments as a list, secrets in the environment, process tree killed on timeout or cancellation.</summary>
public sealed class ToolRunner(IOptions<BackupOptions> options)
{
    private const int OutputLimit = 64 * 1024;

    public BackupOptions Options => options.Value;

    /// <summary>The user server-side tools switch to, or null to run as IamOps' own user.</summary>
    public string? ToolUser => Options.RunToolsAs ?? (Environment.UserName == "root" ? "postgres" : null);

    public string PgBin(string tool)
    {
        var dir = Options.PgBinDirectory ?? Environment.GetEnvironmentVariable("IAMOPS_PG_BIN") ?? FindPgBin();
        return dir is null ? tool : Path.Combine(dir, tool);
    }

    /// <summary>Runs a client tool (pg_dump, pg_restore) as IamOps' own user.</summary>
    public Task<ToolResult> RunAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env,
        Action<string>? onLine, CancellationToken ct) => RunCoreAsync(file, args, env, onLine, asToolUser: false, ct);

    /// <summary>Runs a server-side tool (initdb, pg_ctl, pgBackRest) as <see cref="ToolUser"/>.</summary>
    public Task<ToolResult> RunServerToolAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env,
        Action<string>? onLine, CancellationToken ct) => RunCoreAsync(file, args, env, onLine, asToolUser: true, ct);

    /// <summary>Gives a directory to the tool user, so server-side tools can write there.</summary>
    public async Task GiveToToolUserAsync(string path, CancellationToken ct)
    {
        if (ToolUser is { } user && Environment.UserName == "root")
        {
            await RunCoreAsync("chown", ["-R", $"{user}:{user}", path], null, null, asToolUser: false, ct);
        }
    }

    private async Task<ToolResult> RunCoreAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env,
        Action<string>? onLine, bool asToolUser, CancellationToken ct)
    {
        var info = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asToolUser && ToolUser is { } user && Environment.UserName != user)
        {
            // runuser keeps the environment (PGPASSWORD, cipher pass) without putting it on the command line.
            info.FileName = "runuser";
            info.ArgumentList.Add("-u");
            info.ArgumentList.Add(user);
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(file);
        }
        else
        {
            info.FileName = file;
        }
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        var output = new StringBuilder();
        void Collect(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (output)
            {
                output.AppendLine(line);
                if (output.Length > OutputLimit * 2)
                {
                    output.Remove(0, output.Length - OutputLimit);
                }
            }
            onLine?.Invoke(line);
        }

        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new ToolResult(-1, $"{file} could not be started: {e.Message}", false, false);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(Options.ToolTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        var timedOut = false;
        var cancelled = false;
        try
        {
            await process.WaitForExitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = timeout.IsCancellationRequested;
            cancelled = !timedOut;
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }
            await process.WaitForExitAsync(CancellationToken.None);
        }
        process.WaitForExit();
        string text;
        lock (output)
        {
            text = output.Length > OutputLimit ? output.ToString(output.Length - OutputLimit, OutputLimit) : output.ToString();
        }
        if (timedOut)
        {
            text += $"\n[IamOps] killed after the {Options.ToolTimeout} timeout";
        }
        return new ToolResult(process.ExitCode, text, timedOut, cancelled);
    }

    private static string? FindPgBin()
    {
        var root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }
        return Directory.GetDirectories(root)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            .Where(d => File.Exists(Path.Combine(d.Dir, "pg_dump")))
            .OrderByDescending(d => d.Version)
            .Select(d => d.Dir)
            .FirstOrDefault();
    }
}
