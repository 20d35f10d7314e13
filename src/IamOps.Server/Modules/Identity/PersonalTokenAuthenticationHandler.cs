using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using IamOps.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace IamOps.Server.Modules.Identity;

/// <summary>Authenticates <c>Authorization: Bearer iamops_pat_…</c> personal API tokens.</summary>
internal sealed class PersonalTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IamOpsDb db,
    IMemoryCache cache,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PersonalApiToken";
    public const string TokenPrefix = "iamops_pat_";

    // A revoked token stops working within this delay; validating every request against the database would cost a query each.
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer " + TokenPrefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = Hash(header["Bearer ".Length..].Trim());
        var principal = await cache.GetOrCreateAsync("pat:" + hash, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return await LoadAsync(hash, Context.RequestAborted);
        });
        return principal is null
            ? AuthenticateResult.Fail("The API token is unknown, expired or revoked.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private async Task<ClaimsPrincipal?> LoadAsync(string hash, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var found = await db.Set<PersonalApiToken>().IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.TokenHash == hash && t.RevokedAt == null)
            .Join(db.Users.IgnoreQueryFilters(), t => t.UserId, u => u.Id, (t, u) => new { Token = t, User = u })
            .SingleOrDefaultAsync(ct);
        if (found is null || (found.Token.ExpiresAt is { } exp && exp <= now) || found.User.LockoutEnd > now)
        {
            return null;
        }

        var identity = new ClaimsIdentity(SchemeName);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, found.User.Id.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.Name, found.User.UserName ?? found.User.Email ?? string.Empty));
        identity.AddClaim(new Claim("iamops:token", found.Token.Id.ToString()));
        IamOpsClaimsFactory.AddIamOpsClaims(identity, found.User);
        return new ClaimsPrincipal(identity);
    }
}
