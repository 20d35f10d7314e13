using System.Security.Claims;
using System.Text.Json;
using IamOps.Server.Data;
using IamOps.Server.Modules.AuditTrail;
using IamOps.Server.Modules.Organisations;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Identity.Sso;

/// <summary>
/// Turns a validated OpenID Connect ticket into an IamOps session: the verified email must belong to a user of the
/// organisation whose identity provider vouched for it (or one is created with the default role).
/// </summary>
internal sealed class CompleteSsoSignIn(
    IamOpsDb db, UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditScope audit,
    TimeProvider clock, ILogger<CompleteSsoSignIn> logger)
{
    public const string SignedInAction = "sso-signed-in";
    public const string RefusedAction = "sso-sign-in-refused";

    public async Task HandleAsync(TicketReceivedContext context, string slug)
    {
        // IamOps writes the response itself: the external ticket is never stored in a cookie.
        context.HandleResponse();
        var ct = context.HttpContext.RequestAborted;
        var external = context.Principal ?? new ClaimsPrincipal();
        var email = external.FindFirstValue(SsoClaims.Email)?.Trim();

        var org = await db.Organisations.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(o => o.Slug == slug, ct);
        if (org is null || !org.Sso.Enabled)
        {
            SsoLog.Refused(logger, email, slug, "single sign-on is not enabled");
            context.Response.Redirect("/login?error=sso");
            return;
        }
        if (string.IsNullOrEmpty(email))
        {
            await RefuseAsync(context, org, null, "no-email", "the identity provider sent no email claim", ct);
            return;
        }
        if (external.FindFirstValue(SsoClaims.EmailVerified) is { } verified && !(bool.TryParse(verified, out var v) && v))
        {
            // An unverified email is no identity: it is logged but never named as the actor.
            await RefuseAsync(context, org, null, "email-unverified", $"the identity provider has not verified {email}", ct);
            return;
        }

        var user = await users.FindByEmailAsync(email);
        if (user is not null && user.OrganisationId != org.Id)
        {
            // Same audit reason as "no account": the organisation's trail must not reveal who uses IamOps elsewhere.
            await RefuseAsync(context, org, email, "no-account-in-organisation", "the email belongs to a user of another organisation", ct);
            return;
        }
        if (user is null && org.Sso.DefaultRole is null)
        {
            await RefuseAsync(context, org, email, "no-account-in-organisation", "no such user and no default role for new users", ct);
            return;
        }
        if (user is not null && await users.IsLockedOutAsync(user))
        {
            await RefuseAsync(context, org, email, "locked-out", "the user is locked out", ct);
            return;
        }

        var provisioned = user is null;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            if (user is null)
            {
                // The identity provider's assertion is the actor of the account it creates.
                context.HttpContext.User = Assertion(email, org);
                user = NewUser(email, external.FindFirstValue(SsoClaims.Name), org);
                var created = await users.CreateAsync(user);
                if (!created.Succeeded)
                {
                    await transaction.RollbackAsync(ct);
                    user = null;
                    SsoLog.Refused(logger, email, slug, string.Join("; ", created.Errors.Select(e => e.Description)));
                }
            }

            if (user is not null)
            {
                context.HttpContext.User = await signIn.CreateUserPrincipalAsync(user);
                audit.RecordEvent(org.Id, SignedInAction, nameof(AppUser), user.Id.ToString(), JsonSerializer.Serialize(new
                {
                    method = "oidc",
                    authority = org.Sso.Authority,
                    subject = external.FindFirstValue(SsoClaims.Subject),
                    provisioned,
                }));
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
        }
        if (user is null)
        {
            await RefuseAsync(context, org, email, "provisioning-failed", "the new user could not be created", ct);
            return;
        }

        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "oidc");
        SsoLog.SignedIn(logger, email, slug, user.Id, provisioned);
        context.Response.Redirect(AccountForms.SafeReturnUrl(context.ReturnUri));
    }

    public static Task FailAsync(RemoteFailureContext context, string slug)
    {
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILogger<CompleteSsoSignIn>>();
        SsoLog.RemoteFailure(logger, context.Failure, slug);
        context.Response.Redirect("/login?error=sso-failed");
        context.HandleResponse();
        return Task.CompletedTask;
    }

    /// <summary>Refuses the sign-in and records it in the organisation's audit chain, naming the verified email as actor.</summary>
    private async Task RefuseAsync(TicketReceivedContext context, Organisation org, string? email, string reason, string why, CancellationToken ct)
    {
        SsoLog.Refused(logger, email, org.Slug, why);
        if (email is not null)
        {
            context.HttpContext.User = Assertion(email, org);
        }
        audit.RecordEvent(org.Id, RefusedAction, nameof(Organisation), org.Id.ToString(),
            JsonSerializer.Serialize(new { method = "oidc", authority = org.Sso.Authority, reason }));
        await db.SaveChangesAsync(ct);
        context.Response.Redirect("/login?error=sso-refused");
    }

    private AppUser NewUser(string email, string? name, Organisation org) => new()
    {
        UserName = email,
        Email = email,
        EmailConfirmed = true,
        DisplayName = string.IsNullOrWhiteSpace(name) ? email : name.Trim(),
        OrganisationId = org.Id,
        Party = org.Kind,
        Role = org.Sso.DefaultRole!,
        CreatedAt = clock.GetUtcNow(),
    };

    /// <summary>Who acts while no IamOps user exists yet: the email the identity provider vouched for, in its organisation.</summary>
    private static ClaimsPrincipal Assertion(string email, Organisation org) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Email, email),
            new Claim(IamOpsClaims.OrganisationId, org.Id.ToString()),
            new Claim(IamOpsClaims.Party, org.Kind.ToString()),
        ], authenticationType: "oidc"));
}
