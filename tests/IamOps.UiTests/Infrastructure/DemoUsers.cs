namespace IamOps.UiTests.Infrastructure;

/// <summary>The demo accounts seeded on every test database.</summary>
public static class DemoUsers
{
    public const string ProviderAdmin = "admin@cloud-iam.example";
    public const string ProviderManager = "manager@cloud-iam.example";
    public const string ProviderOperator = "operator@cloud-iam.example";
    public const string AcmeAdmin = "admin@acme.example";
    public const string AcmeContact = "contact@acme.example";
    public const string AcmeViewer = "viewer@acme.example";
    public const string GlobexViewer = "viewer@globex.example";
}
