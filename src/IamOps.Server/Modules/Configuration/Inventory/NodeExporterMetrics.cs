using System.Globalization;
using System.Text.RegularExpressions;

namespace IamOps.Server.Modules.Configuration.Inventory;

/// <summary>One sample of the Prometheus text format: name, labels, value.</summary>
public sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>Reads the Prometheus text exposition format served by node_exporter's /metrics.</summary>
public static partial class NodeExporterMetrics
{
    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)")]
    private static partial Regex Sample();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();

    public static IEnumerable<MetricSample> Parse(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#' || Sample().Match(line) is not { Success: true } m)
            {
                continue;
            }
            if (!double.TryParse(m.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }
            var labels = Label().Matches(m.Groups["labels"].Value)
                .ToDictionary(l => l.Groups["key"].Value, l => Unescape(l.Groups["value"].Value), StringComparer.Ordinal);
            yield return new MetricSample(m.Groups["name"].Value, labels, value);
        }
    }

    private static string Unescape(string value) => value.Replace("\\\"", "\"", StringComparison.Ordinal)
        .Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);

    /// <summary>The server facts the inventory keeps, from one node_exporter scrape.</summary>
    public static ServerInventory Summarise(string source, string text)
    {
        var samples = Parse(text).ToList();
        var uname = samples.FirstOrDefault(s => s.Name == "node_uname_info")?.Labels;
        var os = samples.FirstOrDefault(s => s.Name == "node_os_info")?.Labels;
        var cpus = samples.Where(s => s.Name == "node_cpu_seconds_total" && s.Labels.ContainsKey("cpu"))
            .Select(s => s.Labels["cpu"]).Distinct(StringComparer.Ordinal).Count();
        var memory = samples.FirstOrDefault(s => s.Name == "node_memory_MemTotal_bytes")?.Value;
        var available = samples.Where(s => s.Name == "node_filesystem_avail_bytes")
            .ToDictionary(s => Key(s.Labels), s => s.Value, StringComparer.Ordinal);
        var filesystems = samples.Where(s => s.Name == "node_filesystem_size_bytes")
            .Select(s => new FilesystemInventory(
                s.Labels.GetValueOrDefault("mountpoint") ?? "", s.Labels.GetValueOrDefault("device") ?? "", s.Labels.GetValueOrDefault("fstype") ?? "",
                (long)s.Value, available.TryGetValue(Key(s.Labels), out var free) ? (long)free : null))
            .OrderBy(f => f.Mountpoint, StringComparer.Ordinal).ToList();
        return new ServerInventory(
            source, uname?.GetValueOrDefault("nodename"), os?.GetValueOrDefault("pretty_name") ?? os?.GetValueOrDefault("name"),
            os?.GetValueOrDefault("version_id"), uname?.GetValueOrDefault("sysname"), uname?.GetValueOrDefault("release"),
            uname?.GetValueOrDefault("machine"), cpus, memory is { } m ? (long)m : null, filesystems, null);
    }

    private static string Key(IReadOnlyDictionary<string, string> labels) =>
        $"{labels.GetValueOrDefault("device")}|{labels.GetValueOrDefault("mountpoint")}|{labels.GetValueOrDefault("fstype")}";
}
