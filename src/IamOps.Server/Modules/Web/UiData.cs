using System.Security.Claims;
using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace IamOps.Server.Modules.Web;

/// <summary>Runs one UI operation the way the API runs one request: a fresh scope whose tenant is the signed-in user.</summary>
/// <remarks>
/// An interactive circuit has no HttpContext and lives for hours, so pages never hold a DbContext: each operation
/// gets its own scope (DbContext, audit scope) with <see cref="TenantContext"/> bound to the circuit's current user,
/// and the tenancy query filters apply exactly as they do for the API.
/// </remarks>
public sealed class UiData(IServiceScopeFactory scopes, AuthenticationStateProvider authentication)
{
    public async Task<T> RunAsync<T>(Func<UiScope, CancellationToken, Task<T>> work, CancellationToken ct = default)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        await using var scope = scopes.CreateAsyncScope();
        var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>();
        tenant.UsePrincipal(state.User);
        return await work(new UiScope(scope.ServiceProvider, tenant, state.User), ct);
    }
}

/// <summary>The services of one UI operation.</summary>
public sealed class UiScope(IServiceProvider services, TenantContext tenant, ClaimsPrincipal user)
{
    public IamOpsDb Db => services.GetRequiredService<IamOpsDb>();

    public TenantContext Tenant => tenant;

    public ClaimsPrincipal User => user;

    /// <summary>Whether the signed-in user passes a policy, checked as an endpoint requiring that policy checks it.</summary>
    public async Task<bool> MayAsync(string policy) =>
        (await Get<IAuthorizationService>().AuthorizeAsync(user, policy)).Succeeded;

    public T Get<T>() where T : notnull => services.GetRequiredService<T>();
}
