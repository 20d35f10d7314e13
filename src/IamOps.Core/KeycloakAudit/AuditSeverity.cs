using System.Diagnostics.CodeAnalysis;

namespace IamOps.Core.KeycloakAudit;

/// <summary>How bad a finding is, from informational to critical.</summary>
public enum AuditSeverity
{
    Info = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}

/// <summary>Text forms, SARIF levels and score weights of <see cref="AuditSeverity"/>.</summary>
public static class AuditSeverities
{
    /// <summary>The names accepted by <c>--min-severity</c>, lowest first.</summary>
    public static IReadOnlyList<string> Names { get; } = ["info", "low", "medium", "high", "critical"];

    public static string ToText(this AuditSeverity severity) => severity switch
    {
        AuditSeverity.Info => "info",
        AuditSeverity.Low => "low",
        AuditSeverity.Medium => "medium",
        AuditSeverity.High => "high",
        AuditSeverity.Critical => "critical",
    };

    public static bool TryParse(string? text, [NotNullWhen(true)] out AuditSeverity? severity)
    {
        severity = text?.Trim().ToLowerInvariant() switch
        {
            "info" => AuditSeverity.Info,
            "low" => AuditSeverity.Low,
            "medium" => AuditSeverity.Medium,
            "high" => AuditSeverity.High,
            "critical" => AuditSeverity.Critical,
            _ => null,
        };
        return severity is not null;
    }

    /// <summary>The SARIF <c>level</c>: critical and high are errors, medium a warning, low and info notes.</summary>
    public static string SarifLevel(this AuditSeverity severity) => severity switch
    {
        AuditSeverity.Critical or AuditSeverity.High => "error",
        AuditSeverity.Medium => "warning",
        AuditSeverity.Low or AuditSeverity.Info => "note",
    };

    /// <summary>The GitHub code-scanning <c>security-severity</c> (CVSS-like 0–10) of a severity.</summary>
    public static string SecuritySeverity(this AuditSeverity severity) => severity switch
    {
        AuditSeverity.Critical => "9.5",
        AuditSeverity.High => "8.0",
        AuditSeverity.Medium => "5.5",
        AuditSeverity.Low => "3.0",
        AuditSeverity.Info => "0.0",
    };

    /// <summary>Points a rule of this severity takes off a realm's score of 100 (see <see cref="AuditScore"/>).</summary>
    public static int Weight(this AuditSeverity severity) => severity switch
    {
        AuditSeverity.Critical => 20,
        AuditSeverity.High => 10,
        AuditSeverity.Medium => 4,
        AuditSeverity.Low => 1,
        AuditSeverity.Info => 0,
    };
}
