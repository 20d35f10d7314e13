namespace IamOps.Server.Modules.Changes;

/// <summary>The computed type of a change and why.</summary>
public sealed record Classification(ChangeType Type, IReadOnlyList<string> Reasons);

/// <summary>
/// The contract's rule: the type follows from complexity, importance for the client, impact on the service level and
/// how hard it is to return to the original situation, each scored 1 (low) to 3 (high). Major: total ≥ 10, or a high
/// service impact that cannot easily be undone (impact 3 and irreversibility 3). Medium: total ≥ 7, or any criterion
/// scored 3. Minor otherwise.
/// </summary>
public static class ChangeClassification
{
    public static Classification Classify(ChangeScores s)
    {
        var reasons = new List<string>
        {
            $"complexity of implementation {Level(s.Complexity)} ({s.Complexity})",
            $"importance for the client's activities {Level(s.Importance)} ({s.Importance})",
            $"potential impact on the service level {Level(s.ServiceImpact)} ({s.ServiceImpact})",
            $"return to the original situation {(s.Irreversibility switch { 1 => "easy", 2 => "possible with effort", _ => "hard or impossible" })} ({s.Irreversibility})",
        };
        var total = s.Complexity + s.Importance + s.ServiceImpact + s.Irreversibility;
        ChangeType type;
        if (total >= 10)
        {
            type = ChangeType.Major;
            reasons.Add($"total {total} of 12 is 10 or more: Major");
        }
        else if (s.ServiceImpact == 3 && s.Irreversibility == 3)
        {
            type = ChangeType.Major;
            reasons.Add("a high impact on the service level that cannot easily be undone: Major");
        }
        else if (total >= 7)
        {
            type = ChangeType.Medium;
            reasons.Add($"total {total} of 12 is 7 to 9: Medium");
        }
        else if (new[] { s.Complexity, s.Importance, s.ServiceImpact, s.Irreversibility }.Contains(3))
        {
            type = ChangeType.Medium;
            reasons.Add($"total {total} is low but one criterion is high: Medium");
        }
        else
        {
            type = ChangeType.Minor;
            reasons.Add($"total {total} of 12 is 6 or less with no high criterion: Minor");
        }
        return new Classification(type, reasons);
    }

    /// <summary>The criteria outside 1–3, as validation errors keyed by field.</summary>
    public static Dictionary<string, string[]> Validate(ChangeScores s)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, value) in new[] { ("scores.complexity", s.Complexity), ("scores.importance", s.Importance), ("scores.serviceImpact", s.ServiceImpact), ("scores.irreversibility", s.Irreversibility) })
        {
            if (value is < 1 or > 3)
            {
                errors[name] = [$"Score each criterion 1 (low), 2 (medium) or 3 (high); got {value}."];
            }
        }
        return errors;
    }

    private static string Level(int score) => score switch { 1 => "low", 2 => "medium", _ => "high" };
}
