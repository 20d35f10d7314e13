using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace IamOps.Server.Modules.Web;

/// <summary>Puts a routable page in the navigation drawer; a page with <c>[Authorize(Policy = …)]</c> is listed only to users it admits.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NavEntryAttribute(string title, string icon) : Attribute
{
    public string Title => title;

    /// <summary>A MudBlazor icon (SVG markup), e.g. <c>Icons.Material.Outlined.Dns</c>.</summary>
    public string Icon => icon;

    /// <summary>Position in the drawer, smallest first.</summary>
    public int Order { get; init; }
}

/// <summary>One entry of the navigation drawer.</summary>
public sealed record NavEntry(string Title, string Icon, string Href, int Order, string? Policy);

/// <summary>The pages marked with <see cref="NavEntryAttribute"/>: adding a page to the drawer is adding the attribute to the page.</summary>
public static class NavEntries
{
    public static IReadOnlyList<NavEntry> All { get; } = Discover(typeof(NavEntries).Assembly);

    public static IReadOnlyList<NavEntry> Discover(Assembly assembly) =>
        assembly.GetTypes()
            .Select(t => (Type: t, Entry: t.GetCustomAttribute<NavEntryAttribute>(), Route: t.GetCustomAttribute<RouteAttribute>()))
            .Where(x => x.Entry is not null && x.Route is not null)
            .Select(x => new NavEntry(x.Entry!.Title, x.Entry.Icon, x.Route!.Template, x.Entry.Order,
                x.Type.GetCustomAttributes<AuthorizeAttribute>().Select(a => a.Policy).FirstOrDefault(p => p is not null)))
            .OrderBy(e => e.Order).ThenBy(e => e.Title, StringComparer.Ordinal)
            .ToList();
}
