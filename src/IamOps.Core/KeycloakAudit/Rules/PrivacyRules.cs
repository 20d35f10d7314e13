using System.Text.Json;

namespace IamOps.Core.KeycloakAudit.Rules;

/// <summary>GDPR and e-privacy: retention of events, personal data in admin events and user profiles, consent.</summary>
internal static class PrivacyRules
{
    // Attribute names that usually hold personal data beyond the login identity (GDPR Art. 4(1), Art. 9 special categories).
    private static readonly string[] PersonalDataHints =
        ["phone", "mobile", "address", "street", "postal", "zip", "birth", "dob", "gender", "sex", "nationality", "ssn", "passport",
         "iban", "tax", "health", "religion", "ethnic", "political", "salary", "social"];

    public static IEnumerable<AuditRule> All =>
    [
        new("KC-PRIV-001", "User events are kept forever", AuditSeverity.Medium, "privacy",
            "Login events hold personal data (user id, username, IP address, client). Without eventsExpiration Keycloak keeps them forever, against GDPR's storage limitation (Art. 5(1)(e)).",
            "Set Realm settings > Events > User events settings > Expiration (eventsExpiration), e.g. 90 days, per your retention policy.",
            [Refs.AsvsRetention, Refs.GuideEvents],
            realm => Hits.IfField(realm.Bool("eventsEnabled", false) && realm.Number("eventsExpiration", 0) <= 0, realm, "eventsExpiration",
                "User events are saved without an expiration.")),

        new("KC-PRIV-002", "Admin events are kept forever", AuditSeverity.Medium, "privacy",
            "Admin events name the administrator and the resources changed (often users). Without adminEventsExpiration (a realm attribute) they are never deleted.",
            "Set Realm settings > Events > Admin events settings > Expiration (attributes.adminEventsExpiration) per your retention policy.",
            [Refs.AsvsRetention, Refs.GuideEvents],
            realm => Hits.If(realm.Bool("adminEventsEnabled", false) && (realm.Attribute("adminEventsExpiration") is not { } e || !long.TryParse(e, System.Globalization.CultureInfo.InvariantCulture, out var s) || s <= 0),
                realm.Path("attributes.adminEventsExpiration"), "Admin events are saved without an expiration.", realm.Field("adminEventsEnabled"))),

        new("KC-PRIV-003", "Admin events store full representations", AuditSeverity.Low, "privacy",
            "'Include representation' (adminEventsDetailsEnabled) stores the JSON of every admin request: user names, e-mails, attributes and sometimes credentials in clear in the event store.",
            "Turn off Include representation unless an audit requirement needs it, and then set an expiration.",
            [Refs.AsvsNoPersonalLogs, Refs.GuideEvents],
            realm => Hits.IfField(realm.Bool("adminEventsEnabled", false) && realm.Bool("adminEventsDetailsEnabled", false), realm, "adminEventsDetailsEnabled",
                "Admin events include request representations.")),

        new("KC-PRIV-004", "Self-registration without terms and conditions", AuditSeverity.Low, "privacy",
            "Users who register themselves should accept the terms and the privacy notice; the Terms and Conditions required action records that acceptance.",
            "Enable the 'Terms and Conditions' required action and make it a default action for new users.",
            [Refs.AsvsConsent, Refs.GuideTerms],
            realm => Hits.IfField(realm.Bool("registrationAllowed", false) && !TermsEnabled(realm), realm, "registrationAllowed",
                "Registration is open but the Terms and Conditions required action is not enabled as a default action.")),

        new("KC-PRIV-005", "The user profile collects personal data", AuditSeverity.Info, "privacy",
            "User profile attributes such as phone, address or birth date are personal data: they need a purpose, a legal basis, minimisation and a retention period (GDPR Art. 5, 6), and should be visible to as few roles as possible.",
            "Review each attribute: drop what is not needed, restrict its view permission to admin, and document it in the record of processing.",
            [Refs.AsvsPrivacyIdentify, Refs.GuideUserProfile],
            realm => UserProfileAttributes(realm)
                .Where(a => PersonalDataHints.Any(h => a.Name.Contains(h, StringComparison.OrdinalIgnoreCase)))
                .Select(a => new RuleHit(a.Component.At("config['kc.user.profile.config'][0]"),
                    $"User profile attribute '{a.Name}' holds personal data.", a.Component.ConfigNode("kc.user.profile.config")))),

        new("KC-PRIV-006", "Unmanaged user attributes are accepted", AuditSeverity.Low, "privacy",
            "With unmanagedAttributePolicy ENABLED any client or user can store attributes the profile does not declare: personal data nobody reviewed, with no validation or permissions.",
            "Set the user profile's Unmanaged attributes to Disabled or Admin can view, and declare the attributes you need.",
            [Refs.AsvsPrivacyIdentify, Refs.GuideUserProfile],
            realm => UserProfiles(realm)
                .Where(p => p.Config is { } c && c.TryGetProperty("unmanagedAttributePolicy", out var v) && v.ValueKind == JsonValueKind.String && v.GetString() == "ENABLED")
                .Select(p => new RuleHit(p.Component.At("config['kc.user.profile.config'][0]"), "unmanagedAttributePolicy is ENABLED.", p.Component.ConfigNode("kc.user.profile.config")))),

        new("KC-PRIV-007", "An identity provider stores users' tokens", AuditSeverity.Low, "privacy",
            "storeToken keeps the external provider's access and refresh tokens in Keycloak's database: personal data and credentials to another service, kept beyond the login.",
            "Turn off Store tokens unless an application reads them through the broker token endpoint.",
            [Refs.AsvsSecrets, Refs.GuideIdp],
            realm => realm.IdentityProviders.Where(i => i.Bool("enabled", true) && i.Bool("storeToken", false))
                .Select(i => new RuleHit(i.At("storeToken"), $"Identity provider '{i.Text("alias")}' stores tokens.", i.Field("storeToken")))),
    ];

    private static bool TermsEnabled(RealmView realm) => realm.Items("requiredActions").Any(a =>
        Json.Text(a.Item, "alias") == "TERMS_AND_CONDITIONS" && (Json.Bool(a.Item, "enabled") ?? false) && (Json.Bool(a.Item, "defaultAction") ?? false));

    private static IEnumerable<(ObjectView Component, JsonElement? Config)> UserProfiles(RealmView realm) =>
        realm.Components("org.keycloak.userprofile.UserProfileProvider").Select(c => (c, Parse(c.Config("kc.user.profile.config"))));

    private static IEnumerable<(ObjectView Component, string Name)> UserProfileAttributes(RealmView realm) =>
        UserProfiles(realm).SelectMany(p => p.Config is { } config
            ? Json.Items(config, "attributes").Select(a => Json.Text(a.Element, "name")).OfType<string>().Select(n => (p.Component, n))
            : []);

    // The user profile is a JSON document held as a string; an unparsable one is simply not audited here.
    private static JsonElement? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
