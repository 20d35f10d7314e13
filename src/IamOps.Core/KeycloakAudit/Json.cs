using System.Globalization;
using System.Text.Json;

namespace IamOps.Core.KeycloakAudit;

/// <summary>Tolerant reads of Keycloak JSON: wrong kinds read as absent, booleans and numbers also from strings.</summary>
internal static class Json
{
    public static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static string? Text(JsonElement element, string name) => Property(element, name) is { } value ? Scalar(value) : null;

    public static bool? Bool(JsonElement element, string name) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.String } s => ParseBool(s.GetString()!),
        _ => null,
    };

    public static long? Number(JsonElement element, string name) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var value) => value,
        { ValueKind: JsonValueKind.String } s => ParseNumber(s.GetString()!),
        _ => null,
    };

    public static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };

    public static bool? ParseBool(string text) => bool.TryParse(text.Trim(), out var value) ? value : null;

    public static long? ParseNumber(string text) =>
        long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static IEnumerable<(JsonElement Element, int Index)> Items(JsonElement element, string name)
    {
        if (Property(element, name) is not { ValueKind: JsonValueKind.Array } array)
        {
            yield break;
        }
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            yield return (item, index++);
        }
    }

    /// <summary>A string literal for a JSON path filter: single-quoted, quotes and backslashes escaped.</summary>
    public static string Quote(string value) => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
