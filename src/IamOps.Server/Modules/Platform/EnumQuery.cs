using System.Reflection;
using System.Text.Json.Serialization;

namespace IamOps.Server.Modules.Platform;

/// <summary>Reads an enum from a query string by its JSON name (<c>awaiting-approval</c>) or member name (<c>AwaitingApproval</c>), any case.</summary>
public static class EnumQuery
{
    public static bool TryParse<T>(string? text, out T? value) where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        foreach (var field in typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var json = field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name;
            if (string.Equals(text, field.Name, StringComparison.OrdinalIgnoreCase) || string.Equals(text, json, StringComparison.OrdinalIgnoreCase))
            {
                value = (T)field.GetValue(null)!;
                return true;
            }
        }
        return false;
    }

    /// <summary>The names a client may send, as the JSON writes them.</summary>
    public static string Names<T>() where T : struct, Enum => string.Join(", ",
        typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name));
}
