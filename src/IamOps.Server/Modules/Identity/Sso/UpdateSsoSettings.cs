using System.ComponentModel.DataAnnotations;
using IamOps.Server.Data;
using IamOps.Server.Modules.AuditTrail;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Identity.Sso;

/// <summary>New single sign-on settings of an organisation.</summary>
/// <param name="ClientSecret">Write-only. Null keeps the stored secret, an empty string removes it (public client), any other value replaces it.</param>
/// <param name="DefaultRole">Role of users created at their first sign-in; null lets only existing users sign in.</param>
public sealed record UpdateSsoSettingsRequest(
    bool Enabled,
    [property: MaxLength(500)] string? Authority,
    [property: MaxLength(200)] string? ClientId,
    [property: MaxLength(500)] string? ClientSecret,
    [property: MaxLength(32)] string? DefaultRole);

/// <summary><c>PUT /api/v1/organisations/{id}/sso</c>: configures the organisation's OpenID Connect identity provider.</summary>
internal static class UpdateSsoSettings
{
    public const string Action = "sso-configured";

    public static void Map(RouteGroupBuilder group) =>
        group.MapPut("/", HandleAsync).WithName(nameof(UpdateSsoSettings))
            .WithSummary("Configure OpenID Connect single sign-on of an organisation; the client secret is write-only.");

    private static async Task<Results<Ok<SsoSettingsDto>, NotFound, ForbidHttpResult, ValidationProblem>> HandleAsync(
        Guid id, UpdateSsoSettingsRequest request, IamOpsDb db, TenantContext tenant, SsoSecretProtector secrets,
        SsoSchemes schemes, AuditScope audit, HttpRequest http, ILogger<SsoSchemes> logger, CancellationToken ct)
    {
        var org = await db.Organisations.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (org is null)
        {
            return TypedResults.NotFound();
        }
        if (!SsoAccess.MayManage(tenant, org.Id))
        {
            return TypedResults.Forbid();
        }

        var authority = Blank(request.Authority);
        var clientId = Blank(request.ClientId);
        var defaultRole = Blank(request.DefaultRole);
        var errors = Validate(request.Enabled, authority, clientId, defaultRole, org.Kind);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        org.Sso.Enabled = request.Enabled;
        org.Sso.Authority = authority;
        org.Sso.ClientId = clientId;
        org.Sso.DefaultRole = defaultRole;
        org.Sso.ProtectedClientSecret = request.ClientSecret switch
        {
            null => org.Sso.ProtectedClientSecret,
            "" => null,
            var secret => secrets.Protect(org.Id, secret),
        };
        audit.Action = Action;
        await db.SaveChangesAsync(ct);

        schemes.Apply(SsoSnapshot.From(org));
        SsoLog.SettingsChanged(logger, org.Slug, org.Sso.Enabled, org.Sso.Authority);
        return TypedResults.Ok(SsoSettingsDto.From(org, http));
    }

    private static Dictionary<string, string[]> Validate(bool enabled, string? authority, string? clientId, string? defaultRole, Party party)
    {
        var errors = new Dictionary<string, string[]>();
        if (authority is null)
        {
            if (enabled)
            {
                errors["authority"] = ["The issuer URL of the identity provider is required to enable single sign-on, e.g. https://login.example.com/realms/acme."];
            }
        }
        else if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
                 || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            errors["authority"] = [$"'{authority}' is not an absolute https URL without query or fragment."];
        }
        else if (uri.Scheme == "http" && !uri.IsLoopback)
        {
            errors["authority"] = [$"'{authority}' must use https: plain http is only accepted for a loopback host (localhost, 127.0.0.1)."];
        }

        if (clientId is null && enabled)
        {
            errors["clientId"] = ["The client id registered for IamOps at the identity provider is required to enable single sign-on."];
        }

        if (defaultRole is not null && !Roles.IsValid(party, defaultRole))
        {
            var valid = party == Party.Provider ? Roles.ProviderRoles : Roles.ClientRoles;
            errors["defaultRole"] = [$"'{defaultRole}' is not a {party.ToString().ToLowerInvariant()} role; use one of: {string.Join(", ", valid)}, or null to create no users."];
        }
        return errors;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
