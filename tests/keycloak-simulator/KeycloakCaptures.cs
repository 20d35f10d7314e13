namespace IamOps.KeycloakSimulator;

/// <summary>Where the captures of a real Keycloak 21.0.1 and the collected realm files are: <c>../shared</c> from the repository root.</summary>
public static class KeycloakCaptures
{
    public static string SharedRoot { get; } = FindShared();

    /// <summary>Captured Admin API answers (see keycloak-live/README.md).</summary>
    public static string Live => Path.Combine(SharedRoot, "keycloak-live", "21.0.1");

    /// <summary>Collected realm export and import files.</summary>
    public static string Realms => Path.Combine(SharedRoot, "keycloak-realms");

    public static string LivePath(params string[] parts) => Path.Combine([Live, .. parts]);

    private static string FindShared()
    {
        if (Environment.GetEnvironmentVariable("IAMOPS_SHARED") is { Length: > 0 } configured)
        {
            return configured;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IamOps.slnx")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
            }
        }
        throw new DirectoryNotFoundException("IamOps.slnx not found above the test binaries; set IAMOPS_SHARED to the shared folder.");
    }
}
