using System.Collections;
using System.Reflection;

namespace IamOps.Server.Modules.Platform;

/// <summary>Says in words what a request field expects, so a type error tells the caller how to fix it.</summary>
internal static class JsonFieldTypes
{
    /// <summary>What the field at a JSON path (<c>nodes[0].httpPort</c>) of the request type expects.</summary>
    public static string Expected(Type? requestType, string path)
    {
        var type = path == "body" ? requestType : Resolve(requestType, path);
        return type is null ? "a value of the documented type" : Describe(type);
    }

    public static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            return "one of: " + string.Join(", ", Enum.GetNames(type));
        }
        if (type == typeof(string))
        {
            return "a string";
        }
        if (type == typeof(Guid))
        {
            return "a UUID (e.g. 0199a3c1-7d2e-7cc1-9b1e-5f2d4a6b8c90)";
        }
        if (type == typeof(bool))
        {
            return "true or false";
        }
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte))
        {
            return "a whole number";
        }
        if (type == typeof(double) || type == typeof(decimal) || type == typeof(float))
        {
            return "a number";
        }
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return "an ISO 8601 date-time (e.g. 2026-03-02T09:00:00Z)";
        }
        if (type == typeof(DateOnly))
        {
            return "a date (yyyy-MM-dd)";
        }
        if (type == typeof(TimeOnly))
        {
            return "a time of day (HH:mm or HH:mm:ss)";
        }
        if (type == typeof(TimeSpan))
        {
            return "a duration (d.hh:mm:ss)";
        }
        return typeof(IEnumerable).IsAssignableFrom(type) ? "a JSON array" : "a JSON object";
    }

    private static Type? Resolve(Type? type, string path)
    {
        foreach (var segment in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (type is null)
            {
                return null;
            }
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? segment : segment[..bracket];
            if (name.Length > 0)
            {
                type = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
            }
            for (var i = 0; bracket >= 0 && i < segment.Count(c => c == '['); i++)
            {
                type = type is null ? null : ElementType(type);
            }
        }
        return type;
    }

    private static Type? ElementType(Type type) =>
        type.IsArray
            ? type.GetElementType()
            : type.GetInterfaces().Append(type)
                .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
                ?.GetGenericArguments()[0];
}
