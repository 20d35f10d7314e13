using System.Collections.Concurrent;

namespace IamOps.Server.Modules.Backups;

/// <summary>Live progress of running backups, verifications and restores, for the polling/SSE endpoints and the CLI.</summary>
public sealed class BackupProgress
{
    private readonly ConcurrentDictionary<Guid, ProgressState> _states = new();

    public ProgressState For(Guid id) => _states.GetOrAdd(id, _ => new ProgressState());

    public ProgressState? Find(Guid id) => _states.GetValueOrDefault(id);

    public void Forget(Guid id) => _states.TryRemove(id, out _);
}

/// <summary>Percentage, current phase and the last lines of output of one operation.</summary>
public sealed class ProgressState
{
    private readonly Queue<string> _lines = new();

    public int Percent { get; private set; }

    public string Phase { get; private set; } = "starting";

    public void Set(string phase, int percent)
    {
        Phase = phase;
        Percent = Math.Clamp(percent, 0, 100);
    }

    public void Line(string line)
    {
        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_lines.Count > 20)
            {
                _lines.Dequeue();
            }
        }
    }

    public IReadOnlyList<string> Lines()
    {
        lock (_lines)
        {
            return [.. _lines];
        }
    }
}

/// <summary>What a successful backup method produced.</summary>
public sealed record BackupOutcome(string Artifact, long SizeBytes, string Manifest, DatabaseCounts Counts, DatabaseCounts? CountsAtEnd, string Output);

/// <summary>A backup method failed: the reason and the tool's output, kept with the run.</summary>
public sealed class BackupFailedException(string reason, string output) : Exception(reason)
{
    public string Output { get; } = output;
}
