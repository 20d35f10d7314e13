using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IamOps.Server.Modules.Notifications;

/// <summary>The signature of a webhook POST: header <c>IamOps-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256&gt;</c>.</summary>
/// <remarks>
/// The HMAC-SHA256 is keyed with the subscription's secret (UTF-8) over <c>"{t}.{body}"</c>, the body being the exact bytes
/// received. A receiver recomputes it, compares in constant time, rejects a timestamp older than its tolerance (replay),
/// and deduplicates by the <c>Idempotency-Key</c> header, which is the same on every retry of one delivery.
/// </remarks>
public static class WebhookSignature
{
    public const string Header = "IamOps-Signature";
    public const string EventHeader = "IamOps-Event";
    public const string IdempotencyHeader = "Idempotency-Key";

    public static string Sign(string secret, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Mac(secret, timestamp, body)}";
    }

    private static string Mac(string secret, long timestamp, string body) => Convert.ToHexStringLower(
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body)));

    /// <summary>Checks a received header against the body and secret, and that its timestamp is within <paramref name="tolerance"/> of <paramref name="now"/>.</summary>
    public static bool Verify(string secret, string? header, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (header is null)
        {
            return false;
        }
        long? timestamp = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }
            var (name, value) = (part[..eq], part[(eq + 1)..]);
            if (name == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (name == "v1")
            {
                signatures.Add(value);
            }
        }
        if (timestamp is not { } ts || Math.Abs(now.ToUnixTimeSeconds() - ts) > tolerance.TotalSeconds)
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Mac(secret, ts, body));
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }
}
