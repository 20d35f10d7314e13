using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace IamOps.Server.Tests.Tenancy;

/// <summary>Builds a minimal, valid-looking JSON body for a request type by reflection: every id-like field gets the
/// id that <c>idFor</c> picks (the victim's), a text field the value <c>textFor</c> knows for its name (a role, a
/// status…), the rest plausible values that respect the validation attributes.</summary>
internal sealed class SampleBody(Func<string, string> idFor, Func<string, string?> textFor)
{
    public JsonNode? For(Type type) => Value(type, "body", null, depth: 0);

    private JsonNode? Value(Type type, string name, PropertyInfo? property, int depth)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(Guid) || (underlying == typeof(string) && IsIdName(name)))
        {
            return idFor(name);
        }
        if (underlying == typeof(string))
        {
            return IsCredential(name, property) ? Text(name, property) : textFor(name) ?? Text(name, property);
        }
        if (underlying.IsEnum)
        {
            return AllowedFirst(property) ?? Enum.GetNames(underlying)[0];
        }
        if (underlying == typeof(bool))
        {
            return false;
        }
        if (underlying == typeof(int) || underlying == typeof(long) || underlying == typeof(short))
        {
            return property?.GetCustomAttribute<RangeAttribute>() is { Minimum: var min } ? Convert.ToInt64(min, System.Globalization.CultureInfo.InvariantCulture) : 1;
        }
        if (underlying == typeof(double) || underlying == typeof(decimal) || underlying == typeof(float))
        {
            return 1;
        }
        if (underlying == typeof(DateTimeOffset) || underlying == typeof(DateTime))
        {
            return "2026-03-03T10:00:00Z";
        }
        if (underlying == typeof(DateOnly))
        {
            return "2026-03-03";
        }
        if (underlying == typeof(TimeOnly))
        {
            return "10:00:00";
        }
        if (underlying == typeof(TimeSpan))
        {
            return "01:00:00";
        }
        if (depth > 4)
        {
            return null;
        }
        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(Dictionary<,>)
            || underlying.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>)))
        {
            return new JsonObject();
        }
        if (underlying != typeof(string) && typeof(IEnumerable).IsAssignableFrom(underlying))
        {
            var element = underlying.IsArray ? underlying.GetElementType()! : underlying.GetGenericArguments().FirstOrDefault() ?? typeof(string);
            var singular = name.EndsWith("Ids", StringComparison.Ordinal) ? name[..^1] : name;
            return new JsonArray(Value(element, singular, null, depth + 1));
        }

        var obj = new JsonObject();
        foreach (var p in underlying.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0))
        {
            if (p.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
            {
                continue;
            }
            var jsonName = p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name);
            obj[jsonName] = Value(p.PropertyType, jsonName, p, depth + 1);
        }
        return obj;
    }

    private static bool IsIdName(string name) =>
        name.Equals("id", StringComparison.OrdinalIgnoreCase) || name.EndsWith("Id", StringComparison.Ordinal);

    private static bool IsCredential(string name, PropertyInfo? property) =>
        property?.GetCustomAttribute<EmailAddressAttribute>() is not null
        || name.Contains("email", StringComparison.OrdinalIgnoreCase) || name.Contains("password", StringComparison.OrdinalIgnoreCase);

    private static string Text(string name, PropertyInfo? property)
    {
        if (AllowedFirst(property) is { } allowed)
        {
            return allowed;
        }
        var lower = name.ToLowerInvariant();
        var text = property?.GetCustomAttribute<EmailAddressAttribute>() is not null || lower.Contains("email", StringComparison.Ordinal)
            ? "tenancy-probe@globex.example"
            : lower.Contains("password", StringComparison.Ordinal) ? "Tenancy-probe-2026!" : "probe-value";
        var min = property?.GetCustomAttribute<MinLengthAttribute>()?.Length ?? property?.GetCustomAttribute<StringLengthAttribute>()?.MinimumLength ?? 0;
        var max = property?.GetCustomAttribute<MaxLengthAttribute>()?.Length ?? property?.GetCustomAttribute<StringLengthAttribute>()?.MaximumLength ?? int.MaxValue;
        if (text.Length < min)
        {
            text = text.PadRight(min, 'x');
        }
        return text.Length > max && max > 0 ? text[..max] : text;
    }

    private static string? AllowedFirst(PropertyInfo? property) =>
        property?.GetCustomAttribute<AllowedValuesAttribute>()?.Values.FirstOrDefault()?.ToString();
}
