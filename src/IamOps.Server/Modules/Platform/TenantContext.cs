using System.Security.Claims;

namespace IamOps.Server.Modules.Platform;

/// <summary>Who is asking: the one place that decides which organisation's data a request may see.</summary>
/// <remarks>
/// The user is the HTTP request's, or the one bound with <see cref="UsePrincipal"/> where there is no request:
/// interactive UI circuits run each operation in a scope bound to the circuit's signed-in user.
/// </remarks>
public sealed class TenantContext(IHttpContextAccessor accessor)
{
    private Guid? _systemOrganisation;
    private bool _system;
    private ClaimsPrincipal? _principal;

    /// <summary>The organisation of the signed-in user, or null for anonymous and system work.</summary>
    public Guid? OrganisationId => _system ? _systemOrganisation : ReadGuid(IamOpsClaims.OrganisationId);

    public Party? Party => _system
        ? Platform.Party.Provider
        : Enum.TryParse<Party>(User?.FindFirstValue(IamOpsClaims.Party), ignoreCase: true, out var p) ? p : null;

    public string? Role => User?.FindFirstValue(IamOpsClaims.Role);

    public Guid? UserId => _system ? null : ReadGuid(ClaimTypes.NameIdentifier);

    public string? UserEmail => _system ? "system" : User?.FindFirstValue(ClaimTypes.Email) ?? User?.FindFirstValue(ClaimTypes.Name);

    /// <summary>True when queries must be limited to <see cref="OrganisationId"/>: every client user, and anonymous callers.</summary>
    public bool IsRestricted => !_system && Party != Platform.Party.Provider;

    /// <summary>Filter value for anonymous callers: matches no organisation.</summary>
    public Guid RestrictedOrganisationId => OrganisationId ?? Guid.Empty;

    public bool IsProvider => Party == Platform.Party.Provider;

    /// <summary>True once a user is signed in (or for system work); false while a sign-in is being checked.</summary>
    public bool IsAuthenticated => _system || User?.Identity?.IsAuthenticated == true;

    /// <summary>Runs the rest of this scope as the system (seeding, workers): sees every tenant.</summary>
    public void UseSystem(Guid? providerOrganisationId = null)
    {
        _system = true;
        _systemOrganisation = providerOrganisationId;
    }

    /// <summary>Runs the rest of this scope as the given user instead of the HTTP request's (interactive UI circuits).</summary>
    public void UsePrincipal(ClaimsPrincipal principal) => _principal = principal;

    private ClaimsPrincipal? User => _principal ?? accessor.HttpContext?.User;

    private Guid? ReadGuid(string claim) =>
        Guid.TryParse(User?.FindFirstValue(claim), out var id) ? id : null;
}
