using Microsoft.AspNetCore.DataProtection;

namespace IamOps.Server.Modules.Identity.Sso;

/// <summary>Encrypts an organisation's OIDC client secret at rest with ASP.NET Core Data Protection.</summary>
/// <remarks>The organisation id is part of the purpose, so a ciphertext copied to another organisation does not decrypt.</remarks>
public sealed class SsoSecretProtector(IDataProtectionProvider provider)
{
    private const string Purpose = "IamOps.Sso.ClientSecret.v1";

    public string Protect(Guid organisationId, string secret) => For(organisationId).Protect(secret);

    public string Unprotect(Guid organisationId, string protectedSecret) => For(organisationId).Unprotect(protectedSecret);

    private IDataProtector For(Guid organisationId) => provider.CreateProtector(Purpose, organisationId.ToString());
}
