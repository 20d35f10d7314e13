using System.Text.Json;

namespace IamOps.Cli.Tests.Infrastructure;

/// <summary>Reads back what the CLI printed: the cells of its tables, the JSON of <c>--output json</c>.</summary>
public static class TableText
{
    /// <summary>The trimmed cells of every table row printed (lines drawn with │), in order.</summary>
    public static List<string[]> Rows(string stdout) =>
        [.. stdout.Split('\n')
            .Select(l => l.TrimEnd('\r').Trim())
            .Where(l => l.StartsWith('│') && l.EndsWith('│'))
            .Select(l => l[1..^1].Split('│').Select(c => c.Trim()).ToArray())];

    /// <summary>The value of a field of a details table (field │ value), failing when it is not printed once.</summary>
    public static string Field(string stdout, string field)
    {
        var rows = Rows(stdout).Where(r => r.Length == 2 && r[0] == field).ToList();
        Assert.True(rows.Count == 1, $"expected one '{field}' row in:\n{stdout}");
        return rows[0][1];
    }

    /// <summary>The JSON printed, failing with the whole result when it is not JSON.</summary>
    public static JsonElement Json(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }
}
