using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using IamOps.Server.Modules.Clusters;
using Npgsql;

namespace IamOps.Server.Modules.Backups;

/// <summary>pg_dump in directory format with parallel jobs, under a snapshot whose row counts are recorded; SHA-256 per file.</summary>
public sealed class LogicalBackup(ToolRunner tools)
{
    public async Task<BackupOutcome> RunAsync(BackupRun run, BackupPolicy policy, PostgresEndpoint source, ProgressState progress, CancellationToken ct)
    {
        var root = ArtifactRoot(tools.Options, run.ClusterId);
        Directory.CreateDirectory(root);
        var partial = Path.Combine(root, $"{run.Id:N}.partial");
        var final = Path.Combine(root, run.Id.ToString("N"));

        progress.Set("connecting to the source database", 1);
        await using var conn = new NpgsqlConnection(source.ConnectionString() + ";Timeout=10;Pooling=false");
        try
        {
            await conn.OpenAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new BackupFailedException($"Source database {source} is unreachable: {e.Message}", "");
        }
        // The counts and pg_dump share one exported snapshot, so the counts are exactly what the dump holds.
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        string snapshot;
        await using (var cmd = new NpgsqlCommand("SELECT pg_export_snapshot()", conn, tx))
        {
            snapshot = (string)(await cmd.ExecuteScalarAsync(ct))!;
        }
        var counts = await KeycloakSanity.CountAsync(conn, ct);

        progress.Set("pg_dump", 5);
        var done = 0;
        var total = Math.Max(1, counts.Tables);
        var result = await tools.RunAsync(tools.PgBin("pg_dump"),
            ["-Fd", "-j", policy.ParallelJobs.ToString(CultureInfo.InvariantCulture), "-Z", policy.CompressionLevel.ToString(CultureInfo.InvariantCulture),
             "--snapshot", snapshot, "--no-sync", "-v", "-f", partial],
            source.LibpqEnvironment(),
            line =>
            {
                progress.Line(line);
                if (line.Contains("finished item", StringComparison.Ordinal) && line.Contains("TABLE DATA", StringComparison.Ordinal))
                {
                    progress.Set("pg_dump", 5 + (85 * Interlocked.Increment(ref done) / total));
                }
            }, ct);
        await tx.CommitAsync(CancellationToken.None);
        if (!result.Succeeded)
        {
            TryDelete(partial);
            var why = result.TimedOut ? "pg_dump timed out" : result.Cancelled ? "pg_dump was cancelled" : $"pg_dump exited with code {result.ExitCode}";
            throw new BackupFailedException(why, result.Output);
        }
        if (!File.Exists(Path.Combine(partial, "toc.dat")))
        {
            TryDelete(partial);
            throw new BackupFailedException("pg_dump exited 0 but the artifact has no toc.dat", result.Output);
        }

        progress.Set("checksums", 92);
        var manifest = await ManifestAsync(partial, ct);
        // Only a complete artifact gets its final name: a .partial directory never counts.
        Directory.Move(partial, final);
        var size = manifest.Values.Sum(f => f.Size);
        return new BackupOutcome(final, size, JsonSerializer.Serialize(manifest), counts, null, result.Output);
    }

    public static string ArtifactRoot(BackupOptions options, Guid clusterId) =>
        Path.Combine(Path.GetFullPath(options.DataDirectory), "logical", clusterId.ToString("N"));

    /// <summary>SHA-256 and size of every file of a dump directory.</summary>
    public static async Task<SortedDictionary<string, ManifestEntry>> ManifestAsync(string dir, CancellationToken ct)
    {
        var manifest = new SortedDictionary<string, ManifestEntry>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            await using var stream = File.OpenRead(file);
            var hash = await SHA256.HashDataAsync(stream, ct);
            manifest[Path.GetRelativePath(dir, file)] = new ManifestEntry(Convert.ToHexStringLower(hash), stream.Length);
        }
        return manifest;
    }

    internal static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left for the next start-up sweep, which removes every .partial directory.
        }
    }
}

/// <summary>One file of a logical backup.</summary>
public sealed record ManifestEntry(string Sha256, long Size);
