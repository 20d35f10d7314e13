namespace IamOps.Core.Tests.KeycloakAudit;

/// <summary>Finds the shared realm exports: <c>../shared/keycloak-realms</c> beside the repository root (the folder holding IamOps.slnx).</summary>
internal static class SharedFiles
{
    public static string RealmsDirectory { get; } = Find();

    public static IEnumerable<string> RealmFiles => Directory.EnumerateFiles(RealmsDirectory, "*.json").Order(StringComparer.Ordinal);

    public static string Realm(string fileName) => Path.Combine(RealmsDirectory, fileName);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IamOps.slnx")))
            {
                var realms = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "keycloak-realms"));
                return Directory.Exists(realms) ? realms : throw new DirectoryNotFoundException($"{realms} (../shared/keycloak-realms beside the repository) does not exist.");
            }
        }
        throw new DirectoryNotFoundException("No IamOps.slnx above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temporary directory for one test's files, deleted afterwards.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "iamops-kc-audit-" + Guid.NewGuid().ToString("N"));

    public TempDir() => Directory.CreateDirectory(Path);

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
