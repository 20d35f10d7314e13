using System.Collections.Concurrent;
using IamOps.Server.Data;
using IamOps.Server.Modules.Organisations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IamOps.Server.Modules.Identity.Sso;

/// <summary>What the OpenID Connect handler of one organisation is configured from.</summary>
public sealed record SsoSnapshot(
    Guid OrganisationId, string Slug, string Name, bool Enabled, string? Authority, string? ClientId,
    string? ProtectedClientSecret)
{
    /// <summary>True when the organisation can sign in through its identity provider.</summary>
    public bool IsUsable => Enabled && !string.IsNullOrEmpty(Authority) && !string.IsNullOrEmpty(ClientId);

    public static SsoSnapshot From(Organisation o) =>
        new(o.Id, o.Slug, o.Name, o.Sso.Enabled, o.Sso.Authority, o.Sso.ClientId, o.Sso.ProtectedClientSecret);
}

/// <summary>
/// Registers one OpenID Connect authentication scheme per organisation, on demand, and keeps its options in step
/// with the organisation's settings in the database.
/// </summary>
/// <remarks>
/// Settings are read again at every sign-in start and callback, so an instance that did not handle the settings
/// change (or restarted) still uses the current ones.
/// </remarks>
public sealed class SsoSchemes(
    IAuthenticationSchemeProvider schemes, IOptionsMonitorCache<OpenIdConnectOptions> optionsCache)
{
    private const string Prefix = "oidc-";

    private readonly ConcurrentDictionary<string, SsoSnapshot> _snapshots = new(StringComparer.Ordinal);

    public static string SchemeName(string slug) => Prefix + slug;

    public static string CallbackPath(string slug) => $"/signin-oidc/{slug}";

    public static string SignInPath(string slug) => $"/account/sso/{slug}";

    /// <summary>The settings the named scheme was last configured from, if it is an organisation's SSO scheme.</summary>
    public SsoSnapshot? Find(string schemeName) =>
        schemeName.StartsWith(Prefix, StringComparison.Ordinal) && _snapshots.TryGetValue(schemeName[Prefix.Length..], out var s)
            ? s
            : null;

    /// <summary>Reads the organisation's settings and returns its scheme name, or null when it has no usable SSO.</summary>
    public async Task<string?> EnsureAsync(IamOpsDb db, string slug, CancellationToken ct)
    {
        // The sign-in page is public: the caller is anonymous, so the tenancy filter must not hide the organisation.
        var org = await db.Organisations.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(o => o.Slug == slug, ct);
        if (org is null)
        {
            return null;
        }
        return Apply(SsoSnapshot.From(org));
    }

    /// <summary>Brings the scheme of one organisation in line with its settings; returns the scheme name when usable.</summary>
    public string? Apply(SsoSnapshot snapshot)
    {
        var name = SchemeName(snapshot.Slug);
        var previous = _snapshots.GetValueOrDefault(snapshot.Slug);
        if (previous != snapshot)
        {
            _snapshots[snapshot.Slug] = snapshot;
            optionsCache.TryRemove(name);
        }

        if (!snapshot.IsUsable)
        {
            schemes.RemoveScheme(name);
            return null;
        }
        schemes.TryAddScheme(new AuthenticationScheme(name, snapshot.Name, typeof(OpenIdConnectHandler)));
        return name;
    }

    internal static bool IsLoopback(string? authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri) && uri.IsLoopback;
}
