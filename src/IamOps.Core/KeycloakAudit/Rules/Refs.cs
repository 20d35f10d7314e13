namespace IamOps.Core.KeycloakAudit.Rules;

/// <summary>The references rules cite, written once.</summary>
internal static class Refs
{
    public static readonly RuleReference BcpCodeGrant = RuleReference.Rfc9700("2.1.1", "Authorization Code Grant (PKCE)");
    public static readonly RuleReference BcpImplicit = RuleReference.Rfc9700("2.1.2", "Implicit Grant");
    public static readonly RuleReference BcpRefreshTokens = RuleReference.Rfc9700("2.2.2", "Refresh Tokens");
    public static readonly RuleReference BcpPrivilege = RuleReference.Rfc9700("2.3", "Access Token Privilege Restriction");
    public static readonly RuleReference BcpPassword = RuleReference.Rfc9700("2.4", "Resource Owner Password Credentials Grant");
    public static readonly RuleReference BcpClientAuth = RuleReference.Rfc9700("2.5", "Client Authentication");
    public static readonly RuleReference BcpRedirect = RuleReference.Rfc9700("4.1", "Insufficient Redirect URI Validation");
    public static readonly RuleReference BcpReferer = RuleReference.Rfc9700("4.2", "Credential Leakage via Referer Headers");
    public static readonly RuleReference BcpPkceDowngrade = RuleReference.Rfc9700("4.8", "PKCE Downgrade Attack");
    public static readonly RuleReference BcpStolenTokens = RuleReference.Rfc9700("4.10", "Misuse of Stolen Access Tokens");
    public static readonly RuleReference BcpOpenRedirect = RuleReference.Rfc9700("4.11", "Open Redirection");
    public static readonly RuleReference BcpRefreshProtection = RuleReference.Rfc9700("4.14", "Refresh Token Protection");
    public static readonly RuleReference BcpClickjacking = RuleReference.Rfc9700("4.16", "Clickjacking");
    public static readonly RuleReference BcpTls = RuleReference.Rfc9700("2.6", "Other Recommendations (TLS, CORS)");

    public static readonly RuleReference AsvsPasswordLength = RuleReference.Asvs4("V2.1.1", "User set passwords are at least 12 characters");
    public static readonly RuleReference AsvsBreached = RuleReference.Asvs4("V2.1.7", "Passwords checked against breached passwords");
    public static readonly RuleReference AsvsNoRotation = RuleReference.Asvs4("V2.1.10", "No periodic credential rotation or password history");
    public static readonly RuleReference AsvsAntiAutomation = RuleReference.Asvs4("V2.2.1", "Anti-automation controls against credential stuffing and brute force");
    public static readonly RuleReference AsvsHashing = RuleReference.Asvs4("V2.4.1", "Passwords stored with an approved password hashing function");
    public static readonly RuleReference AsvsPbkdf2 = RuleReference.Asvs4("V2.4.3", "PBKDF2 iteration count as large as performance allows");
    public static readonly RuleReference AsvsOtpLifetime = RuleReference.Asvs4("V2.8.1", "Time-based OTPs have a defined lifetime");
    public static readonly RuleReference AsvsOtpOnce = RuleReference.Asvs4("V2.8.4", "Time-based OTP can be used only once within the validity period");
    public static readonly RuleReference AsvsOtpStrength = RuleReference.Asvs4("V2.7.6", "Initial authenticators have sufficient random entropy");
    public static readonly RuleReference AsvsEmailVerify = RuleReference.Asvs4("V2.5.1", "Activation or recovery secrets are not sent in clear text");
    public static readonly RuleReference AsvsReauth = RuleReference.Asvs4("V3.3.2", "Re-authentication occurs periodically, when used or after idle");
    public static readonly RuleReference AsvsTokenRevoke = RuleReference.Asvs4("V3.5.2", "Session tokens rather than static secrets and API keys");
    public static readonly RuleReference AsvsAlgorithms = RuleReference.Asvs4("V6.2.5", "No insecure block modes, padding modes, ciphers or hashes");
    public static readonly RuleReference AsvsKeySize = RuleReference.Asvs4("V6.2.2", "Industry-proven cryptographic algorithms, modes and libraries");
    public static readonly RuleReference AsvsSecrets = RuleReference.Asvs4("V6.4.1", "A secrets management solution holds secrets");
    public static readonly RuleReference AsvsLogEvents = RuleReference.Asvs4("V7.1.3", "Security relevant events are logged");
    public static readonly RuleReference AsvsLogAuth = RuleReference.Asvs4("V7.2.1", "All authentication decisions are logged");
    public static readonly RuleReference AsvsLogAdmin = RuleReference.Asvs4("V7.2.2", "All access control decisions can be logged");
    public static readonly RuleReference AsvsNoPersonalLogs = RuleReference.Asvs4("V7.1.1", "Credentials and sensitive data are not logged");
    public static readonly RuleReference AsvsRetention = RuleReference.Asvs4("V8.3.8", "Sensitive personal information is subject to data retention classification");
    public static readonly RuleReference AsvsPrivacyIdentify = RuleReference.Asvs4("V8.3.4", "Sensitive data is identified and a policy handles it");
    public static readonly RuleReference AsvsConsent = RuleReference.Asvs4("V8.3.5", "Access to sensitive data is audited");
    public static readonly RuleReference AsvsTls = RuleReference.Asvs4("V9.1.1", "TLS is used for all client connectivity");
    public static readonly RuleReference AsvsTlsServer = RuleReference.Asvs4("V9.2.1", "Connections to and from the server use trusted TLS certificates");
    public static readonly RuleReference AsvsCsp = RuleReference.Asvs4("V14.4.3", "A Content Security Policy response header is in place");
    public static readonly RuleReference AsvsNoSniff = RuleReference.Asvs4("V14.4.4", "All responses contain X-Content-Type-Options: nosniff");
    public static readonly RuleReference AsvsHsts = RuleReference.Asvs4("V14.4.5", "A Strict-Transport-Security header is included");
    public static readonly RuleReference AsvsReferrer = RuleReference.Asvs4("V14.4.6", "A suitable Referrer-Policy header is included");
    public static readonly RuleReference AsvsFraming = RuleReference.Asvs4("V14.4.7", "Content cannot be embedded in a third-party site by default");
    public static readonly RuleReference AsvsCors = RuleReference.Asvs4("V14.5.3", "The CORS Access-Control-Allow-Origin header uses a strict allowlist");

    public static readonly RuleReference Asvs5RedirectExact = RuleReference.Asvs5("V10.4.1", "Redirect URIs validated by exact string comparison");
    public static readonly RuleReference Asvs5Grants = RuleReference.Asvs5("V10.4.4", "Only the grants the client needs; no implicit or password grant");
    public static readonly RuleReference Asvs5RefreshReplay = RuleReference.Asvs5("V10.4.5", "Refresh token replay mitigated (rotation or sender-constraint)");
    public static readonly RuleReference Asvs5Pkce = RuleReference.Asvs5("V10.4.6", "PKCE required for the code grant; plain method not allowed");
    public static readonly RuleReference Asvs5RefreshExpiry = RuleReference.Asvs5("V10.4.8", "Refresh tokens have an absolute expiration");
    public static readonly RuleReference Asvs5Scopes = RuleReference.Asvs5("V10.4.11", "Only the required scopes are assigned to the client");
    public static readonly RuleReference Asvs5StrongClientAuth = RuleReference.Asvs5("V10.4.16", "Strong client authentication (mTLS or private_key_jwt)");

    public static readonly RuleReference GuideSsl = RuleReference.Guide("_ssl_modes", "Configuring SSL for a realm");
    public static readonly RuleReference GuideBruteForce = RuleReference.Guide("password-guess-brute-force-attacks", "Brute force attacks");
    public static readonly RuleReference GuidePasswordPolicies = RuleReference.Guide("_password-policies", "Password policies");
    public static readonly RuleReference GuideOtp = RuleReference.Guide("_otp-policies", "One Time Password (OTP) policies");
    public static readonly RuleReference GuideTimeouts = RuleReference.Guide("_timeouts", "Session and token timeouts");
    public static readonly RuleReference GuideEvents = RuleReference.Guide("configuring-auditing-to-track-events", "Configuring auditing to track events");
    public static readonly RuleReference GuideKeys = RuleReference.Guide("realm_keys", "Managing realm keys");
    public static readonly RuleReference GuideHeaders = RuleReference.Guide("_clickjacking", "Clickjacking and security headers");
    public static readonly RuleReference GuideEmail = RuleReference.Guide("_email", "Configuring email for a realm");
    public static readonly RuleReference GuideRegistration = RuleReference.Guide("_user-registration", "Enabling user registration");
    public static readonly RuleReference GuideIdp = RuleReference.Guide("_general-idp-config", "General identity provider configuration");
    public static readonly RuleReference GuideOidcClients = RuleReference.Guide("_oidc_clients", "Managing OpenID Connect clients");
    public static readonly RuleReference GuideRedirect = RuleReference.Guide("unspecific-redirect-uris", "Open redirectors");
    public static readonly RuleReference GuideServiceAccounts = RuleReference.Guide("_service_accounts", "Using a service account");
    public static readonly RuleReference GuideScope = RuleReference.Guide("_role_scope_mappings", "Role scope mappings");
    public static readonly RuleReference GuideCredentials = RuleReference.Guide("_client-credentials", "Confidential client credentials");
    public static readonly RuleReference GuideUserProfile = RuleReference.Guide("user-profile", "Managing the user profile");
    public static readonly RuleReference GuideTerms = RuleReference.Guide("_terms_conditions", "Terms and conditions");
    public static readonly RuleReference GuideSaml = RuleReference.Guide("_client-saml-configuration", "Creating a SAML client");
}
