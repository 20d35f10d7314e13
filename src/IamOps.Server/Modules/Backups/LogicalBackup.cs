using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using IamOps.Server.Modules.Clusters;
using Npgsql;

namespace IamOps.Server.Modules.Backups;

/// <summary>pg_dump in directory format with parallel jobs, under a snapshot whose row counts are recorded; a checksum per file (the policy's).</summary>
public sealed partial class LogicalBackup(ToolRunner tools)
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
        // Counted on this connection while pg_dump reads the same snapshot on its own connections, rather than before it
        // (on a machine whose cores pg_dump already fills, the counting still shows in the wall time: see bench/RESULTS.md).
        var tables = await KeycloakSanity.TableCountAsync(conn, ct);
        // pg_dump's workers already fill the cores: the counts run on this backend alone rather than with parallel workers,
        // which took about half again as much CPU (1 M users: some 600 ms in three processes against 400 ms in one).
        await using (var serial = new NpgsqlCommand("SET LOCAL max_parallel_workers_per_gather = 0", conn, tx))
        {
            await serial.ExecuteNonQueryAsync(ct);
        }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var countsTask = TimedAsync(() => KeycloakSanity.CountAsync(conn, ct));

        progress.Set("pg_dump", 5);
        var done = 0;
        var total = Math.Max(1, tables);
        // A table's data file is complete when pg_dump reports its item finished: it is hashed then, while the dump goes on.
        using var hashing = new CancellationTokenSource();
        var finished = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        var manifest = new ConcurrentDictionary<string, ManifestEntry>(StringComparer.Ordinal);
        var hasher = HashFinishedItemsAsync(partial, policy.Checksum, finished.Reader, manifest, hashing.Token);
        ToolResult result;
        DatabaseCounts counts;
        long countMs;
        try
        {
            result = await tools.RunAsync(tools.PgBin("pg_dump"),
                ["-Fd", "-j", policy.ParallelJobs.ToString(CultureInfo.InvariantCulture), "-Z", policy.CompressionLevel.ToString(CultureInfo.InvariantCulture),
                 "--snapshot", snapshot, "--no-sync", "-v", "-f", partial],
                source.LibpqEnvironment(),
                line =>
                {
                    progress.Line(line);
                    if (FinishedTableData().Match(line) is { Success: true } item)
                    {
                        finished.Writer.TryWrite(item.Groups[1].Value);
                        progress.Set("pg_dump", 5 + (85 * Interlocked.Increment(ref done) / total));
                    }
                }, ct);
        }
        finally
        {
            finished.Writer.TryComplete();
            if (ct.IsCancellationRequested)
            {
                await hashing.CancelAsync();
            }
            // Never leave the count running on the connection (disposed below) when pg_dump fails or is cancelled.
            (counts, countMs) = await countsTask.ConfigureAwait(false);
            await hasher.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
        var dumpMs = watch.ElapsedMilliseconds;
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
        await hasher; // rethrows an I/O error of the hashing
        // The files not hashed yet (the table of contents, large objects, and everything when pg_dump ran without parallel jobs).
        foreach (var (name, entry) in await ManifestAsync(partial, policy.Checksum, ct, skip: manifest.Keys.ToHashSet(StringComparer.Ordinal)))
        {
            manifest[name] = entry;
        }
        // Only a complete artifact gets its final name: a .partial directory never counts.
        Directory.Move(partial, final);
        var size = manifest.Values.Sum(f => f.Size);
        // What IamOps added to pg_dump's own time, kept with the tool's output.
        var timing = string.Create(CultureInfo.InvariantCulture,
            $"iamops: pg_dump {dumpMs} ms; row counts {countMs} ms (during pg_dump); {policy.Checksum} checksums after pg_dump {watch.ElapsedMilliseconds - dumpMs} ms ({manifest.Count} files, {size} bytes)\n");
        var sorted = new SortedDictionary<string, ManifestEntry>(manifest, StringComparer.Ordinal);
        return new BackupOutcome(final, size, JsonSerializer.Serialize(sorted), counts, null, result.Output + timing);
    }

    private static async Task<(T Value, long Ms)> TimedAsync<T>(Func<Task<T>> work)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var value = await work();
        return (value, watch.ElapsedMilliseconds);
    }

    public static string ArtifactRoot(BackupOptions options, Guid clusterId) =>
        Path.Combine(Path.GetFullPath(options.DataDirectory), "logical", clusterId.ToString("N"));

    /// <summary>Checksum and size of every file of a dump directory.</summary>
    public static async Task<SortedDictionary<string, ManifestEntry>> ManifestAsync(
        string dir, ManifestChecksum algorithm, CancellationToken ct, IReadOnlySet<string>? skip = null)
    {
        // One file per table: hash them on every core, the largest first so one big table does not finish last alone.
        var files = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Where(f => skip is null || !skip.Contains(Path.GetRelativePath(dir, f)))
            .OrderByDescending(f => new FileInfo(f).Length).ToList();
        var entries = new ConcurrentDictionary<string, ManifestEntry>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(files, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (file, token) => entries[Path.GetRelativePath(dir, file)] = await HashFileAsync(file, algorithm, token));
        return new SortedDictionary<string, ManifestEntry>(entries, StringComparer.Ordinal);
    }

    private static async Task<ManifestEntry> HashFileAsync(string file, ManifestChecksum algorithm, CancellationToken ct)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        if (algorithm == ManifestChecksum.Sha256)
        {
            return new ManifestEntry(Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct)), stream.Length);
        }
        var xxh = new XxHash128();
        await xxh.AppendAsync(stream, ct);
        return new ManifestEntry(null, stream.Length, Convert.ToHexStringLower(xxh.GetCurrentHash()));
    }

    // "pg_dump: finished item 3406 TABLE DATA user_entity": the item's data is in <dir>/3406.dat[.gz|.lz4|.zst], closed.
    private static async Task HashFinishedItemsAsync(
        string dir, ManifestChecksum algorithm, ChannelReader<string> items, ConcurrentDictionary<string, ManifestEntry> manifest, CancellationToken ct)
    {
        await foreach (var id in items.ReadAllAsync(ct))
        {
            foreach (var file in Directory.EnumerateFiles(dir, id + ".dat*"))
            {
                manifest[Path.GetRelativePath(dir, file)] = await HashFileAsync(file, algorithm, ct);
            }
        }
    }

    [GeneratedRegex(@"finished item (\d+) TABLE DATA ")]
    private static partial Regex FinishedTableData();

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

/// <summary>One file of a logical backup: its size and its checksum, under the algorithm's name (manifests before XXH128 have SHA-256 only).</summary>
public sealed record ManifestEntry(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Sha256,
    long Size,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Xxh128 = null)
{
    [JsonIgnore]
    public ManifestChecksum Algorithm => Xxh128 is null ? ManifestChecksum.Sha256 : ManifestChecksum.Xxh128;

    /// <summary>The same file, unchanged: same size and same checksum.</summary>
    public bool Matches(ManifestEntry other) => Size == other.Size && Sha256 == other.Sha256 && Xxh128 == other.Xxh128;
}
