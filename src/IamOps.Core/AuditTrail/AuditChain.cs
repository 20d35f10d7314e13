using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace IamOps.Core.AuditTrail;

/// <summary>Computes and verifies the SHA-256 hash chain of the audit trail.</summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first entry of every chain.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public const string HashField = "hash";
    public const string PreviousHashField = "prevHash";
    public const string SequenceField = "seq";

    /// <summary>Hashes an entry's canonical content, which includes its <c>prevHash</c> and excludes its own <c>hash</c>.</summary>
    public static string ComputeHash(JsonObject content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var copy = (JsonObject)content.DeepClone();
        copy.Remove(HashField);
        var canonical = CanonicalJson.Serialize(copy);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>Verifies a JSONL export line by line and reports the first broken entry.</summary>
    public static AuditChainVerification Verify(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var expectedPrevious = GenesisHash;
        long? expectedSeq = null;
        var lineNumber = 0;
        var count = 0;
        foreach (var raw in lines)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            JsonObject entry;
            try
            {
                entry = JsonNode.Parse(raw) as JsonObject
                    ?? throw new FormatException("not a JSON object");
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException)
            {
                return AuditChainVerification.Broken(count, lineNumber, null, $"line is not a JSON object: {ex.Message}");
            }

            var seq = entry[SequenceField]?.GetValue<long>();
            var stated = entry[HashField]?.GetValue<string>();
            var previous = entry[PreviousHashField]?.GetValue<string>();
            if (seq is null || stated is null || previous is null)
            {
                return AuditChainVerification.Broken(count, lineNumber, seq, "entry lacks seq, hash or prevHash");
            }

            if (expectedSeq is not null && seq != expectedSeq)
            {
                return AuditChainVerification.Broken(count, lineNumber, seq, $"sequence {seq} follows {expectedSeq - 1}: an entry is missing or out of order");
            }

            if (expectedSeq is null && seq == 1 && previous != GenesisHash)
            {
                return AuditChainVerification.Broken(count, lineNumber, seq, "the first entry does not start from the genesis hash");
            }

            if (expectedSeq is not null && previous != expectedPrevious)
            {
                return AuditChainVerification.Broken(count, lineNumber, seq, "prevHash does not match the hash of the entry before it");
            }

            var actual = ComputeHash(entry);
            if (!string.Equals(actual, stated, StringComparison.Ordinal))
            {
                return AuditChainVerification.Broken(count, lineNumber, seq, "content does not match its hash: the entry was altered");
            }

            expectedPrevious = stated;
            expectedSeq = seq + 1;
            count++;
        }

        return AuditChainVerification.Intact(count);
    }
}

/// <summary>The outcome of verifying an audit chain.</summary>
public sealed record AuditChainVerification(bool IsIntact, int VerifiedEntries, int? BrokenLine, long? BrokenSequence, string? Reason)
{
    public static AuditChainVerification Intact(int count) => new(true, count, null, null, null);

    public static AuditChainVerification Broken(int count, int line, long? seq, string reason) => new(false, count, line, seq, reason);
}
