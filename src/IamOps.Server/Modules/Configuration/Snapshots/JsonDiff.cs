using System.Text.Json.Nodes;

namespace IamOps.Server.Modules.Configuration.Snapshots;

public enum DiffKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>One difference between two configuration documents, at a readable JSON path, e.g. $.clients[clientId=web].redirectUris.</summary>
public sealed record DiffEntry(string Path, DiffKind Kind, JsonNode? Old, JsonNode? New);

/// <summary>
/// Compares two JSON documents: objects by property, arrays of objects by their natural key (clientId, alias, name, kid),
/// arrays of values as sets, so a reordered list or an inserted client does not show every later item as changed.
/// </summary>
public static class JsonDiff
{
    private static readonly string[] KeyFields = ["clientId", "alias", "name", "kid", "providerId", "id"];

    public static IReadOnlyList<DiffEntry> Compare(JsonNode? old, JsonNode? @new)
    {
        var entries = new List<DiffEntry>();
        Walk("$", old, @new, entries);
        return entries;
    }

    private static void Walk(string path, JsonNode? old, JsonNode? @new, List<DiffEntry> into)
    {
        switch (old, @new)
        {
            case (JsonObject o, JsonObject n):
                foreach (var (key, value) in o)
                {
                    if (!n.ContainsKey(key))
                    {
                        into.Add(new DiffEntry(Member(path, key), DiffKind.Removed, value?.DeepClone(), null));
                    }
                    else
                    {
                        Walk(Member(path, key), value, n[key], into);
                    }
                }
                foreach (var (key, value) in n.Where(p => !o.ContainsKey(p.Key)))
                {
                    into.Add(new DiffEntry(Member(path, key), DiffKind.Added, null, value?.DeepClone()));
                }
                break;
            case (JsonArray o, JsonArray n):
                WalkArray(path, o, n, into);
                break;
            default:
                if (!JsonNode.DeepEquals(old, @new))
                {
                    into.Add(new DiffEntry(path, DiffKind.Changed, old?.DeepClone(), @new?.DeepClone()));
                }
                break;
        }
    }

    private static void WalkArray(string path, JsonArray old, JsonArray @new, List<DiffEntry> into)
    {
        var items = old.Concat(@new).ToList();
        if (items.Count > 0 && items.All(i => i is JsonObject) && KeyFor(items) is { } keyField)
        {
            var oldByKey = ByKey(old, keyField);
            var newByKey = ByKey(@new, keyField);
            foreach (var (key, item) in oldByKey)
            {
                var itemPath = $"{path}[{keyField}={key}]";
                if (newByKey.TryGetValue(key, out var other))
                {
                    Walk(itemPath, item, other, into);
                }
                else
                {
                    into.Add(new DiffEntry(itemPath, DiffKind.Removed, item.DeepClone(), null));
                }
            }
            foreach (var (key, item) in newByKey.Where(p => !oldByKey.ContainsKey(p.Key)))
            {
                into.Add(new DiffEntry($"{path}[{keyField}={key}]", DiffKind.Added, null, item.DeepClone()));
            }
            return;
        }
        if (items.All(i => i is JsonValue or null))
        {
            var oldValues = old.Select(v => v?.ToJsonString() ?? "null").ToHashSet(StringComparer.Ordinal);
            var newValues = @new.Select(v => v?.ToJsonString() ?? "null").ToHashSet(StringComparer.Ordinal);
            into.AddRange(old.Where(v => !newValues.Contains(v?.ToJsonString() ?? "null"))
                .Select(v => new DiffEntry($"{path}[]", DiffKind.Removed, v?.DeepClone(), null)));
            into.AddRange(@new.Where(v => !oldValues.Contains(v?.ToJsonString() ?? "null"))
                .Select(v => new DiffEntry($"{path}[]", DiffKind.Added, null, v?.DeepClone())));
            return;
        }
        for (var i = 0; i < Math.Max(old.Count, @new.Count); i++)
        {
            var itemPath = $"{path}[{i}]";
            if (i >= @new.Count)
            {
                into.Add(new DiffEntry(itemPath, DiffKind.Removed, old[i]?.DeepClone(), null));
            }
            else if (i >= old.Count)
            {
                into.Add(new DiffEntry(itemPath, DiffKind.Added, null, @new[i]?.DeepClone()));
            }
            else
            {
                Walk(itemPath, old[i], @new[i], into);
            }
        }
    }

    /// <summary>The first key field every item has, with values unique on each side.</summary>
    private static string? KeyFor(List<JsonNode?> items) => KeyFields.FirstOrDefault(field =>
        items.All(i => i![field] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String));

    private static Dictionary<string, JsonNode> ByKey(JsonArray items, string keyField)
    {
        var byKey = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            // A duplicate key (not expected for these fields) keeps the first item; the others still show as added/removed.
            byKey.TryAdd((string)item![keyField]!, item);
        }
        return byKey;
    }

    private static string Member(string path, string key) =>
        key.All(c => char.IsLetterOrDigit(c) || c == '_') ? $"{path}.{key}" : $"{path}[\"{key}\"]";
}
