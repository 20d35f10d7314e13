using System.Text.Json;
using System.Text.Json.Serialization;

namespace IamOps.Cli.Infrastructure;

/// <summary>What <c>iamops login</c> remembers: the server and the session's tokens.</summary>
public sealed record CliConfig
{
    public string? Server { get; init; }

    public string? Email { get; init; }

    public string? AccessToken { get; init; }

    public string? RefreshToken { get; init; }

    public DateTimeOffset? AccessTokenExpiresAt { get; init; }

    [JsonIgnore]
    public bool HasSession => !string.IsNullOrEmpty(AccessToken);
}

/// <summary>Reads and writes <c>config.json</c> in the configuration directory, readable by its owner only.</summary>
public sealed class ConfigStore(string directory)
{
    public const string FileName = "config.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Directory { get; } = directory;

    public string FilePath => Path.Combine(Directory, FileName);

    public CliConfig Load()
    {
        string text;
        try
        {
            text = File.ReadAllText(FilePath);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new CliConfig();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage($"Cannot read the configuration file {FilePath}: {ex.Message}");
        }

        try
        {
            return JsonSerializer.Deserialize<CliConfig>(text, Json) ?? new CliConfig();
        }
        catch (JsonException ex)
        {
            throw CliException.Usage($"The configuration file {FilePath} is not valid JSON ({ex.Message}): fix it, or delete it and run `iamops login` again.");
        }
    }

    /// <summary>Replaces the file atomically; the token in it never exists with looser permissions than 0600.</summary>
    public void Save(CliConfig config)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var temp = Path.Combine(Directory, $".{FileName}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            using (var stream = new FileStream(temp, options))
            {
                JsonSerializer.Serialize(stream, config, Json);
            }
            File.Move(temp, FilePath, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
