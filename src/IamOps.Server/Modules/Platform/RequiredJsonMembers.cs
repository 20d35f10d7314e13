using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization.Metadata;

namespace IamOps.Server.Modules.Platform;

/// <summary>Makes a <see cref="RequiredAttribute"/> value-type member (a Guid, an enum, a number) mandatory in request
/// JSON, so its absence is reported by name instead of silently becoming the default; reference types are left to
/// validation, which names every missing one at once.</summary>
internal static class RequiredJsonMembers
{
    public static void Mark(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }
        foreach (var property in typeInfo.Properties)
        {
            if (property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null
                && property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true)
            {
                property.IsRequired = true;
            }
        }
    }
}
