using static IamOps.Core.Tests.KeycloakAudit.Realms;

namespace IamOps.Core.Tests.KeycloakAudit;

/// <summary>For every rule: a realm that triggers it and a close one that does not.</summary>
internal static class RuleCases
{
    private const string Profile = "org.keycloak.userprofile.UserProfileProvider";
    private const string Keys = "org.keycloak.keys.KeyProvider";
    private const string Strong = "length(12) and notUsername(undefined) and notEmail(undefined) and passwordBlacklist(breached.txt)";

    public static IReadOnlyList<(string RuleId, string Triggers, string Passes)> All { get; } =
    [
        ("KC-REALM-001", Patch("""{"sslRequired":"none"}"""), Patch("""{"sslRequired":"all"}""")),
        ("KC-REALM-002", Patch("""{"sslRequired":null}"""), Patch("""{"sslRequired":"all"}""")),
        ("KC-REALM-003", Patch("""{"bruteForceProtected":null}"""), Patch("""{"bruteForceProtected":true}""")),
        ("KC-REALM-004", Patch("""{"failureFactor":null}"""), Patch("""{"failureFactor":10}""")),
        ("KC-REALM-005", Patch("""{"waitIncrementSeconds":10}"""), Patch("""{"waitIncrementSeconds":60,"maxFailureWaitSeconds":900}""")),
        ("KC-REALM-006", Patch("""{"permanentLockout":true}"""), Patch("""{"permanentLockout":true,"maxTemporaryLockouts":3}""")),

        ("KC-PWD-001", Patch("""{"passwordPolicy":null}"""), Clean),
        ("KC-PWD-002", Patch("""{"passwordPolicy":"length(8) and notUsername(undefined) and notEmail(undefined) and passwordBlacklist(b.txt)"}"""), Clean),
        ("KC-PWD-003", Patch($$"""{"passwordPolicy":"{{Strong}} and hashIterations(27500)"}"""), Patch($$"""{"passwordPolicy":"{{Strong}} and hashIterations(210000)"}""")),
        ("KC-PWD-004", Patch($$"""{"passwordPolicy":"{{Strong}} and hashAlgorithm(pbkdf2)"}"""), Patch($$"""{"passwordPolicy":"{{Strong}} and hashAlgorithm(pbkdf2-sha512)"}""")),
        ("KC-PWD-005", Patch("""{"passwordPolicy":"length(12) and notUsername(undefined) and notEmail(undefined)"}"""), Clean),
        ("KC-PWD-006", Patch("""{"passwordPolicy":"length(12) and passwordBlacklist(b.txt)"}"""), Clean),
        ("KC-OTP-001", Patch("""{"otpPolicyDigits":4}"""), Patch("""{"otpPolicyDigits":8}""")),
        ("KC-OTP-002", Patch("""{"otpPolicyPeriod":120}"""), Patch("""{"otpPolicyPeriod":30,"otpPolicyLookAheadWindow":1}""")),
        ("KC-OTP-003", Patch("""{"otpPolicyCodeReusable":true}"""), Patch("""{"otpPolicyCodeReusable":false}""")),

        ("KC-TOKEN-001", Patch("""{"accessTokenLifespan":36000}"""), Patch("""{"accessTokenLifespan":300}""")),
        ("KC-TOKEN-002", Patch("""{"ssoSessionIdleTimeout":86400}"""), Patch("""{"ssoSessionIdleTimeout":1800}""")),
        ("KC-TOKEN-003", Patch("""{"ssoSessionMaxLifespan":2592000}"""), Patch("""{"ssoSessionMaxLifespan":36000}""")),
        ("KC-TOKEN-004", Patch("""{"offlineSessionMaxLifespanEnabled":null}"""), Clean),
        ("KC-TOKEN-005", Patch("""{"revokeRefreshToken":null}"""), Clean),
        ("KC-TOKEN-006", Patch("""{"refreshTokenMaxReuse":2}"""), Patch("""{"refreshTokenMaxReuse":0}""")),
        ("KC-TOKEN-007", Patch("""{"accessCodeLifespan":1800}"""), Patch("""{"accessCodeLifespan":60}""")),

        ("KC-EVENT-001", Patch("""{"eventsEnabled":false}"""), Clean),
        ("KC-EVENT-002", Patch("""{"adminEventsEnabled":null}"""), Clean),
        ("KC-EVENT-003", Patch("""{"enabledEventTypes":["LOGIN","LOGOUT"]}"""), Patch("""{"enabledEventTypes":["LOGIN","LOGIN_ERROR"]}""")),

        ("KC-PRIV-001", Patch("""{"eventsExpiration":null}"""), Clean),
        ("KC-PRIV-002", Patch("""{"attributes":{"adminEventsExpiration":null}}"""), Clean),
        ("KC-PRIV-003", Patch("""{"adminEventsDetailsEnabled":true}"""), Patch("""{"adminEventsDetailsEnabled":false}""")),
        ("KC-PRIV-004", Patch("""{"registrationAllowed":true,"verifyEmail":true}"""),
            Patch("""{"registrationAllowed":true,"verifyEmail":true,"requiredActions":[{"alias":"TERMS_AND_CONDITIONS","enabled":true,"defaultAction":true}]}""")),
        ("KC-PRIV-005", UserProfile(new { attributes = new[] { new { name = "username" }, new { name = "phoneNumber" } } }),
            UserProfile(new { attributes = new[] { new { name = "username" }, new { name = "email" } } })),
        ("KC-PRIV-006", UserProfile(new { attributes = new[] { new { name = "username" } }, unmanagedAttributePolicy = "ENABLED" }),
            UserProfile(new { attributes = new[] { new { name = "username" } }, unmanagedAttributePolicy = "ADMIN_VIEW" })),
        ("KC-PRIV-007", WithIdp("""{"storeToken":true}"""), WithIdp("""{"storeToken":false}""")),

        ("KC-KEY-001", Patch("""{"defaultSignatureAlgorithm":"HS256"}"""), Patch("""{"defaultSignatureAlgorithm":"RS256"}""")),
        ("KC-KEY-002", WithComponents(Keys, """[{"name":"rsa","providerId":"rsa-generated","config":{"keySize":["1024"]}}]"""),
            WithComponents(Keys, """[{"name":"rsa","providerId":"rsa-generated","config":{"keySize":["2048"]}}]""")),
        ("KC-KEY-003", WithComponents(Keys, """[{"name":"hmac","providerId":"hmac-generated","config":{"secretSize":["16"]}}]"""),
            WithComponents(Keys, """[{"name":"hmac","providerId":"hmac-generated","config":{"secretSize":["64"]}}]""")),
        ("KC-KEY-004", WithComponents(Keys, """[{"name":"aes","providerId":"aes-generated","config":{"secretSize":["20"]}}]"""),
            WithComponents(Keys, """[{"name":"aes","providerId":"aes-generated","config":{"secretSize":["16"]}}]""")),
        ("KC-KEY-005", WithComponents(Keys, """[{"name":"enc","providerId":"rsa-enc-generated","config":{"algorithm":["RSA1_5"]}}]"""),
            WithComponents(Keys, """[{"name":"enc","providerId":"rsa-enc-generated","config":{"algorithm":["RSA-OAEP"]}}]""")),

        ("KC-HDR-001", Patch("""{"browserSecurityHeaders":{"contentSecurityPolicy":""}}"""),
            Patch("""{"browserSecurityHeaders":{"contentSecurityPolicy":"frame-src 'self'; frame-ancestors 'self'; object-src 'none';"}}""")),
        ("KC-HDR-002", Patch("""{"browserSecurityHeaders":{"xFrameOptions":"ALLOW-FROM https://evil.example"}}"""), Patch("""{"browserSecurityHeaders":{"xFrameOptions":"DENY"}}""")),
        ("KC-HDR-003", Patch("""{"browserSecurityHeaders":{"strictTransportSecurity":"max-age=300"}}"""),
            Patch("""{"browserSecurityHeaders":{"strictTransportSecurity":"max-age=31536000; includeSubDomains"}}""")),
        ("KC-HDR-004", Patch("""{"browserSecurityHeaders":{"xContentTypeOptions":""}}"""), Patch("""{"browserSecurityHeaders":{"xContentTypeOptions":"nosniff"}}""")),
        ("KC-HDR-005", Patch("""{"browserSecurityHeaders":{"referrerPolicy":"unsafe-url"}}"""), Patch("""{"browserSecurityHeaders":{"referrerPolicy":"no-referrer"}}""")),

        ("KC-REG-001", Patch("""{"registrationAllowed":true}"""), Patch("""{"registrationAllowed":true,"verifyEmail":true}""")),
        ("KC-REG-002", Patch("""{"duplicateEmailsAllowed":true}"""), Patch("""{"duplicateEmailsAllowed":false}""")),
        ("KC-REG-003", Patch("""{"smtpServer":{"host":"smtp.example.com","port":"25","from":"iam@example.com"}}"""),
            Patch("""{"smtpServer":{"host":"smtp.example.com","port":"587","starttls":"true","from":"iam@example.com"}}""")),

        ("KC-IDP-001", WithIdp("""{"trustEmail":true}"""), WithIdp("""{"trustEmail":false}""")),
        ("KC-IDP-002", WithIdp("""{"config":{"validateSignature":"false"}}"""), WithIdp("{}")),
        ("KC-IDP-003", WithIdp("""{"config":{"syncMode":"IMPORT"}}"""), WithIdp("""{"config":{"syncMode":"FORCE"}}""")),
        ("KC-IDP-004", WithIdp("""{"config":{"pkceEnabled":null}}"""), WithIdp("{}")),
        ("KC-IDP-005", WithIdp("""{"config":{"tokenUrl":"http://idp.example.com/token"}}"""), WithIdp("""{"config":{"tokenUrl":"http://localhost:8081/token"}}""")),

        ("KC-CLIENT-001", WithClient(GoodClient, """{"attributes":{"pkce.code.challenge.method":null}}"""), WithClient(GoodClient, "{}")),
        ("KC-CLIENT-002", WithClient(GoodClient, """{"attributes":{"pkce.code.challenge.method":"plain"}}"""), WithClient(GoodClient, "{}")),
        ("KC-CLIENT-003", WithClient(GoodClient, """{"implicitFlowEnabled":true}"""), WithClient(GoodClient, """{"implicitFlowEnabled":false}""")),
        ("KC-CLIENT-004", WithClient(GoodClient, """{"directAccessGrantsEnabled":true}"""), WithClient(GoodClient, """{"directAccessGrantsEnabled":false}""")),
        ("KC-CLIENT-005", WithClient(GoodServiceClient, """{"clientAuthenticatorType":null}"""), WithClient(GoodServiceClient, "{}")),
        ("KC-CLIENT-006", WithClient(GoodServiceClient, """{"secret":"s3cr3t-in-git"}"""), WithClient(GoodServiceClient, """{"secret":"**********"}""")),
        ("KC-CLIENT-007", WithClient("""{"clientId":"urn:sp","protocol":"saml","fullScopeAllowed":false}""", """{"attributes":{"saml.server.signature":"false"}}"""),
            WithClient("""{"clientId":"urn:sp","protocol":"saml","fullScopeAllowed":false}""", """{"attributes":{"saml.server.signature":"true","saml.client.signature":"true"}}""")),
        ("KC-CLIENT-008", WithClient(GoodClient, """{"redirectUris":["*"]}"""), WithClient(GoodClient, "{}")),
        ("KC-CLIENT-009", WithClient(GoodClient, """{"redirectUris":["https://app.example.com/*"]}"""), WithClient(GoodClient, "{}")),
        ("KC-CLIENT-010", WithClient(GoodClient, """{"redirectUris":["http://app.example.com/callback"]}"""), WithClient(GoodClient, """{"redirectUris":["http://localhost:3000/callback"]}""")),
        ("KC-CLIENT-011", WithClient(GoodClient, """{"webOrigins":["*"]}"""), WithClient(GoodClient, """{"webOrigins":["https://app.example.com"]}""")),
        ("KC-CLIENT-012", WithClient(GoodClient, """{"attributes":{"post.logout.redirect.uris":"https://app.example.com/*"}}"""),
            WithClient(GoodClient, """{"attributes":{"post.logout.redirect.uris":"https://app.example.com/bye##+"}}""")),
        ("KC-CLIENT-013", WithClient(GoodServiceClient, "{}", """{"users":[{"username":"service-account-api","serviceAccountClientId":"api","clientRoles":{"realm-management":["view-users","realm-admin"]}}]}"""),
            WithClient(GoodServiceClient, "{}", """{"users":[{"username":"service-account-api","serviceAccountClientId":"api","clientRoles":{"realm-management":["view-users"]}}]}""")),
        ("KC-CLIENT-014", WithClient(GoodClient, """{"fullScopeAllowed":null}"""), WithClient(GoodClient, "{}")),
        ("KC-CLIENT-015", WithClient(GoodClient, """{"attributes":{"access.token.lifespan":"36000"}}"""), WithClient(GoodClient, """{"attributes":{"access.token.lifespan":"300"}}""")),
    ];

    public static TheoryData<string> RuleIds() => [.. All.Select(c => c.RuleId)];
}
