using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IamOps.Server.Modules.Clusters;
using Npgsql;

namespace IamOps.Server.Modules.Backups;

/// <summary>pgBackRest with a local repository under the IamOps data directory: one stanza per cluster, full/diff/incr, WAL archiving for PITR.</summary>
public sealed class PhysicalBackup(ToolRunner tools)
{
    public string StanzaRoot(Guid clusterId) => Path.Combine(Path.GetFullPath(tools.Options.DataDirectory), "pgbackrest", clusterId.ToString("N"));

    public string ConfigPath(Guid clusterId) => Path.Combine(StanzaRoot(clusterId), "pgbackrest.conf");

    /// <summary>The archive_command to set on the cluster's PostgreSQL server for WAL archiving (point-in-time recovery).</summary>
    public string ArchiveCommand(BackupPolicy policy) =>
        $"{tools.Options.PgBackRest} --config={ConfigPath(policy.ClusterId)} --stanza={policy.Stanza} archive-push %p";

    /// <summary>Writes the stanza's configuration (idempotent); the archive_command on the server reads the same file.</summary>
    public async Task WriteConfigAsync(BackupPolicy policy, PostgresEndpoint source, string? cipherPass, CancellationToken ct)
    {
        if (policy.DataDirectory is null)
        {
            throw new BackupFailedException("The policy names no data directory (pgBackRest pg1-path) for physical backups.", "");
        }
        var root = StanzaRoot(policy.ClusterId);
        Directory.CreateDirectory(root);
        foreach (var sub in new[] { "repo", "log", "lock", "spool" })
        {
            Directory.CreateDirectory(Path.Combine(root, sub));
        }
        var conf = new StringBuilder()
            .AppendLine("[global]")
            .AppendLine(CultureInfo.InvariantCulture, $"repo1-path={Path.Combine(root, "repo")}")
            // IamOps applies the retention itself (it never expires the last verified backup).
            .AppendLine("repo1-retention-full=9999999")
            .AppendLine(CultureInfo.InvariantCulture, $"log-path={Path.Combine(root, "log")}")
            .AppendLine(CultureInfo.InvariantCulture, $"lock-path={Path.Combine(root, "lock")}")
            .AppendLine(CultureInfo.InvariantCulture, $"spool-path={Path.Combine(root, "spool")}")
            .AppendLine("log-level-file=off")
            .AppendLine("log-level-console=info")
            .AppendLine("compress-type=lz4")
            .AppendLine("start-fast=y")
            .AppendLine(CultureInfo.InvariantCulture, $"process-max={policy.ParallelJobs}");
        if (policy.Encrypted && cipherPass is not null)
        {
            // The server's archive-push needs the key too, so it lives in this file, readable by the tool user only.
            conf.AppendLine("repo1-cipher-type=aes-256-cbc").AppendLine(CultureInfo.InvariantCulture, $"repo1-cipher-pass={cipherPass}");
        }
        conf.AppendLine(CultureInfo.InvariantCulture, $"[{policy.Stanza}]")
            .AppendLine(CultureInfo.InvariantCulture, $"pg1-path={policy.DataDirectory}")
            .AppendLine(CultureInfo.InvariantCulture, $"pg1-port={source.Port}")
            .AppendLine(CultureInfo.InvariantCulture, $"pg1-user={source.Username}")
            .AppendLine(CultureInfo.InvariantCulture, $"pg1-database={source.Database}");
        if (source.Host.StartsWith('/'))
        {
            conf.AppendLine(CultureInfo.InvariantCulture, $"pg1-socket-path={source.Host}");
        }
        var path = ConfigPath(policy.ClusterId);
        await File.WriteAllTextAsync(path, conf.ToString(), ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        await tools.GiveToToolUserAsync(root, ct);
    }

    public async Task<BackupOutcome> RunAsync(BackupRun run, BackupPolicy policy, PostgresEndpoint source, ProgressState progress, CancellationToken ct)
    {
        progress.Set("connecting to the source database", 1);
        // The lower bound of the counts: a snapshot pinned before pgBackRest starts, counted while the backup runs.
        await using var beforeConn = await OpenAsync(source, ct);
        await using var beforeTx = await beforeConn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await using (var pin = new NpgsqlCommand("SELECT 1", beforeConn, beforeTx))
        {
            await pin.ExecuteScalarAsync(ct);
        }
        var before = KeycloakSanity.CountAsync(beforeConn, ct);
        try
        {
            var (label, size, manifest, output, after) = await BackupAsync(run, policy, source, progress, ct);
            return new BackupOutcome(label, size, manifest, await before, after, output);
        }
        finally
        {
            // Never leave the count running on a connection being disposed (pgBackRest failed or was cancelled).
            await before.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    private async Task<(string Label, long Size, string Manifest, string Output, DatabaseCounts After)> BackupAsync(
        BackupRun run, BackupPolicy policy, PostgresEndpoint source, ProgressState progress, CancellationToken ct)
    {
        var output = new StringBuilder();
        var env = source.LibpqEnvironment();

        if (!Directory.Exists(Path.Combine(StanzaRoot(policy.ClusterId), "repo", "backup", policy.Stanza)))
        {
            progress.Set("stanza-create", 3);
            var created = await Run(policy, ["stanza-create"], env, progress, ct);
            output.Append(created.Output);
            if (!created.Succeeded)
            {
                throw new BackupFailedException($"pgbackrest stanza-create exited with code {created.ExitCode}", output.ToString());
            }
        }

        progress.Set($"pgbackrest backup ({run.PhysicalType})", 10);
        var type = (run.PhysicalType ?? PhysicalBackupType.Full).ToString().ToLowerInvariant();
        var backup = await Run(policy, [$"--type={type}", "backup"], env, progress, ct);
        output.Append(backup.Output);
        if (!backup.Succeeded)
        {
            var why = backup.TimedOut ? "pgbackrest backup timed out" : backup.Cancelled ? "pgbackrest backup was cancelled" : $"pgbackrest backup exited with code {backup.ExitCode}";
            throw new BackupFailedException(why, output.ToString());
        }

        progress.Set("reading the repository", 90);
        // The upper bound, counted after pgBackRest stopped, while its repository is read.
        var afterTask = CountAsync(source, ct);
        var (label, size) = await NewestBackupAsync(policy, ct);
        var after = await afterTask;
        var manifestFile = Path.Combine(StanzaRoot(policy.ClusterId), "repo", "backup", policy.Stanza, label, "backup.manifest");
        if (!File.Exists(manifestFile))
        {
            throw new BackupFailedException($"pgBackRest reported backup {label} but its backup.manifest is missing", output.ToString());
        }
        var digest = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(manifestFile, ct)));
        var manifest = JsonSerializer.Serialize(new { label, backupManifest = manifestFile, sha256 = digest });
        return (label, size, manifest, output.ToString(), after);
    }

    /// <summary>Restores a backup (label) or a point in time into an empty data directory, ready to start and promote.</summary>
    public async Task<ToolResult> RestoreAsync(BackupPolicy policy, string dataDirectory, string? label, DateTimeOffset? targetTime, ProgressState progress, CancellationToken ct)
    {
        List<string> args = [$"--pg1-path={dataDirectory}", "--archive-mode=off", "--target-action=promote"];
        if (targetTime is { } t)
        {
            args.Add("--type=time");
            args.Add("--target=" + t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00");
        }
        else
        {
            args.Add("--type=immediate");
        }
        if (label is not null)
        {
            args.Add($"--set={label}");
        }
        args.Add("restore");
        return await Run(policy, args, null, progress, ct);
    }

    /// <summary>The full backup a pgBackRest label builds on ("20261206-020000F_20261207-020000I" → "20261206-020000F"); a full backup's own label.</summary>
    public static string ChainOf(string label) => label.Split('_')[0];

    /// <summary>Deletes one backup, and whatever builds on it, from the repository (retention).</summary>
    public Task<ToolResult> ExpireAsync(BackupPolicy policy, string label, CancellationToken ct) =>
        Run(policy, [$"--set={label}", "expire"], null, null, ct);

    private Task<ToolResult> Run(BackupPolicy policy, List<string> args, IReadOnlyDictionary<string, string>? env, ProgressState? progress, CancellationToken ct)
    {
        List<string> all = [$"--config={ConfigPath(policy.ClusterId)}", $"--stanza={policy.Stanza}", .. args];
        return tools.RunServerToolAsync(tools.Options.PgBackRest, all, env, progress is null ? null : progress.Line, ct);
    }

    private async Task<(string Label, long Size)> NewestBackupAsync(BackupPolicy policy, CancellationToken ct)
    {
        var info = await Run(policy, ["--output=json", "--log-level-console=off", "info"], null, null, ct);
        using var doc = JsonDocument.Parse(info.Output);
        var backups = doc.RootElement[0].GetProperty("backup");
        var last = backups[backups.GetArrayLength() - 1];
        var size = last.GetProperty("info").GetProperty("repository").GetProperty("delta").GetInt64();
        return (last.GetProperty("label").GetString()!, size);
    }

    private static async Task<DatabaseCounts> CountAsync(PostgresEndpoint source, CancellationToken ct)
    {
        await using var conn = await OpenAsync(source, ct);
        return await KeycloakSanity.CountAsync(conn, ct);
    }

    private static async Task<NpgsqlConnection> OpenAsync(PostgresEndpoint source, CancellationToken ct)
    {
        var conn = new NpgsqlConnection(source.ConnectionString() + ";Timeout=10;Pooling=false");
        try
        {
            await conn.OpenAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            await conn.DisposeAsync();
            throw new BackupFailedException($"Source database {source} is unreachable: {e.Message}", "");
        }
        return conn;
    }
}
