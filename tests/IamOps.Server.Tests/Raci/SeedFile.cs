namespace IamOps.Server.Tests.Raci;

/// <summary>The shared seed matrix, found next to the repository (never by an absolute path).</summary>
public static class SeedFile
{
    public const string Name = "cloud-iam-managed-services-raci.txt";

    public static string Path
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "IamOps.slnx")))
            {
                dir = dir.Parent;
            }
            if (dir is null)
            {
                throw new InvalidOperationException($"No IamOps.slnx above {AppContext.BaseDirectory}: cannot find the repository.");
            }
            return System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "seed", Name));
        }
    }

    public static string Text() => File.ReadAllText(Path);
}
