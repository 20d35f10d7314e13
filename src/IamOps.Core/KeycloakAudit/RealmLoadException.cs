using System.Globalization;

namespace IamOps.Core.KeycloakAudit;

/// <summary>A file that cannot be audited: unreadable, not JSON (with line and byte position), or not a realm.</summary>
public sealed class RealmLoadException : Exception
{
    public RealmLoadException()
    {
    }

    public RealmLoadException(string message) : base(message)
    {
    }

    public RealmLoadException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public RealmLoadException(string file, string reason, long? line = null, long? bytePosition = null, Exception? inner = null)
        : base(Describe(file, reason, line, bytePosition), inner)
    {
        File = file;
        Reason = reason;
        Line = line;
        BytePosition = bytePosition;
    }

    public string? File { get; }

    public string? Reason { get; }

    /// <summary>1-based line of invalid JSON, when the parser reported one.</summary>
    public long? Line { get; }

    /// <summary>1-based byte position in that line.</summary>
    public long? BytePosition { get; }

    private static string Describe(string file, string reason, long? line, long? position) =>
        line is { } l
            ? string.Create(CultureInfo.InvariantCulture, $"{file}: line {l}, byte {position ?? 0}: {reason}")
            : $"{file}: {reason}";
}
