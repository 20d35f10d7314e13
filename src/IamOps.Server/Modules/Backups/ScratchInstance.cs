using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace IamOps.Server.Modules.Backups;

/// <summary>A throw-away PostgreSQL instance (initdb + pg_ctl) on a free port, listening only on a Unix socket in its own directory.</summary>
public sealed class ScratchInstance : IAsyncDisposable
{
    private readonly ToolRunner _tools;
    private readonly bool _keep;

    private ScratchInstance(ToolRunner tools, string directory, int port, bool keep)
    {
        _tools = tools;
        Root = directory;
        Port = port;
        _keep = keep;
    }

    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "pgdata");

    public string SocketDirectory => Root;

    public int Port { get; }

    public string User => _tools.ToolUser ?? Environment.UserName;

    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = SocketDirectory, Port = Port, Username = User, Database = database, Pooling = false }.ConnectionString;

    /// <summary>Creates the directory of a new instance (empty data directory) without starting it.</summary>
    public static async Task<ScratchInstance> PrepareAsync(ToolRunner tools, string parent, bool keep, CancellationToken ct)
    {
        Directory.CreateDirectory(parent);
        var dir = Path.Combine(Path.GetFullPath(parent), $"pg-{Guid.NewGuid():N}"[..15]);
        Directory.CreateDirectory(dir);
        await tools.GiveToToolUserAsync(dir, ct);
        return new ScratchInstance(tools, dir, FreePort(), keep);
    }

    /// <summary>initdb in the prepared directory.</summary>
    public async Task InitAsync(CancellationToken ct)
    {
        var r = await _tools.RunServerToolAsync(_tools.PgBin("initdb"),
            ["-D", DataDirectory, "-U", User, "--auth=trust", "-E", "UTF8", "--no-sync"], null, null, ct);
        if (!r.Succeeded)
        {
            throw new BackupToolException($"initdb failed (exit {r.ExitCode}): {Tail(r.Output)}");
        }
    }

    /// <summary>Starts the instance and waits until it accepts connections; WAL archiving stays off unless asked (a restored copy must never push into the source's repository).</summary>
    public async Task StartAsync(CancellationToken ct, bool archiving = false)
    {
        var options = $"-p {Port} -k {SocketDirectory} -c listen_addresses='' -c fsync=off" + (archiving ? "" : " -c archive_mode=off");
        var r = await _tools.RunServerToolAsync(_tools.PgBin("pg_ctl"),
            ["-D", DataDirectory, "-o", options, "-l", Path.Combine(Root, "server.log"), "-w", "-t", "600", "start"], null, null, ct);
        if (!r.Succeeded)
        {
            var log = File.Exists(Path.Combine(Root, "server.log")) ? await File.ReadAllTextAsync(Path.Combine(Root, "server.log"), ct) : "";
            throw new BackupToolException($"pg_ctl start failed (exit {r.ExitCode}): {Tail(r.Output)} {Tail(log)}");
        }
    }

    /// <summary>Waits until recovery has ended (a restored instance promoted itself).</summary>
    public async Task WaitForPromotionAsync(CancellationToken ct)
    {
        for (var i = 0; i < 1200; i++)
        {
            await using var conn = new NpgsqlConnection(ConnectionString());
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT pg_is_in_recovery()", conn);
            if (!(bool)(await cmd.ExecuteScalarAsync(ct))!)
            {
                return;
            }
            await Task.Delay(100, ct);
        }
        throw new BackupToolException("The restored instance did not finish recovery within 2 minutes.");
    }

    public async Task StopAsync()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            await _tools.RunServerToolAsync(_tools.PgBin("pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], null, null, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_keep)
        {
            return;
        }
        await StopAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover scratch directory is harmless; the next start-up sweep does not depend on it.
        }
    }

    /// <summary>Stops the instance kept in a directory (if it runs) and deletes the directory.</summary>
    public static async Task RemoveAsync(ToolRunner tools, string root)
    {
        var instance = new ScratchInstance(tools, root, 0, keep: false);
        await instance.DisposeAsync();
        if (Directory.Exists(root))
        {
            throw new BackupToolException($"The restored instance directory {root} could not be removed.");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static string Tail(string text, int max = 1500) => text.Length <= max ? text.Trim() : "…" + text[^max..].Trim();
}

/// <summary>A backup tool failed; the message is the reason recorded with the run.</summary>
public sealed class BackupToolException(string message) : Exception(message);
