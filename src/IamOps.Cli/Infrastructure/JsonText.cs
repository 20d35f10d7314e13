using System.Globalization;
using System.Text.Json.Nodes;

namespace IamOps.Cli.Infrastructure;

/// <summary>Tolerant reading of API answers for display: a missing or oddly typed field shows as text, never throws.</summary>
public static class JsonText
{
    /// <summary>The node as display text: strings as they are, arrays joined by commas, objects by their name or as JSON.</summary>
    public static string Text(this JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        JsonArray array => string.Join(", ", array.Select(Text).Where(t => t.Length > 0)),
        JsonObject obj => NameOf(obj) ?? obj.ToJsonString(),
        _ => node.ToJsonString(),
    };

    /// <summary>The text of a property, or an empty string when it is missing.</summary>
    public static string Text(this JsonNode? node, string property) => node is JsonObject obj ? obj[property].Text() : "";

    public static string? TextOrNull(this JsonNode? node) => node is null ? null : node.Text();

    /// <summary>An ISO 8601 instant shortened to minutes in UTC; any other text as it is.</summary>
    public static string When(this JsonNode? node, string property)
    {
        var text = node.Text(property);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture)
            : text;
    }

    /// <summary>The items of an array property, or of the node itself when it is an array.</summary>
    public static IReadOnlyList<JsonNode?> Items(this JsonNode? node, string property = "items") => node switch
    {
        JsonArray array => [.. array],
        JsonObject obj when obj[property] is JsonArray items => [.. items],
        _ => [],
    };

    private static string? NameOf(JsonObject obj)
    {
        foreach (var key in new[] { "name", "displayName", "email", "title", "label", "party", "key" })
        {
            if (obj[key] is JsonValue v && v.TryGetValue<string>(out var s))
            {
                return s;
            }
        }
        return null;
    }
}
