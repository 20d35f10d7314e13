using System.Security.Claims;
using Microsoft.AspNetCore.OutputCaching;

namespace IamOps.Server.Modules.Platform;

/// <summary>Caches successful GET responses of signed-in callers per organisation, party and role (never across
/// tenants) and per query string, for a short time; the owning module evicts its tag on every write.</summary>
/// <remarks>A caller may skip the cached copy with <c>Cache-Control: no-cache</c>.</remarks>
public sealed class TenantScopedCachePolicy(string tag, TimeSpan duration) : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var user = http.User;
        var cacheable = HttpMethods.IsGet(http.Request.Method) && user.Identity?.IsAuthenticated == true
            && user.FindFirstValue(IamOpsClaims.OrganisationId) is not null;
        context.EnableOutputCaching = true;
        context.AllowCacheStorage = cacheable;
        context.AllowCacheLookup = cacheable
            && !http.Request.Headers.CacheControl.ToString().Contains("no-cache", StringComparison.OrdinalIgnoreCase);
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = duration;
        context.Tags.Add(tag);
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByValues["tenant"] = string.Join('|',
            user.FindFirstValue(IamOpsClaims.Party), user.FindFirstValue(IamOpsClaims.OrganisationId), user.FindFirstValue(IamOpsClaims.Role));
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}
