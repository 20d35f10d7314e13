namespace IamOps.Core.KeycloakAudit.Rules;

/// <summary>Every built-in audit rule, in report order.</summary>
public static class AuditRules
{
    public static IReadOnlyList<AuditRule> All { get; } =
    [
        .. RealmRules.All,
        .. PasswordRules.All,
        .. TokenRules.All,
        .. EventRules.All,
        .. PrivacyRules.All,
        .. KeyRules.All,
        .. HeaderRules.All,
        .. RegistrationRules.All,
        .. IdentityProviderRules.All,
        .. ClientRules.All,
        .. ClientUriRules.All,
        .. ClientPrivilegeRules.All,
    ];

    public static AuditRule? Find(string id) => All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));
}
