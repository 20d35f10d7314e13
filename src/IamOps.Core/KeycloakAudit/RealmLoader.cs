using System.Globalization;
using System.Text.Json;

namespace IamOps.Core.KeycloakAudit;

/// <summary>Reads Keycloak realm exports: one realm object or an array of realms per file, from files or directories.</summary>
public static class RealmLoader
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 };

    /// <summary>The files behind the given paths: a file as is, a directory's <c>*.json</c> recursively, in name order.</summary>
    /// <exception cref="RealmLoadException">A path that does not exist, or a directory with no JSON file.</exception>
    public static IReadOnlyList<string> ExpandPaths(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0)
                {
                    throw new RealmLoadException(path, "the directory holds no *.json file.");
                }
                files.AddRange(found);
            }
            else
            {
                throw new RealmLoadException(path, "no such file or directory.");
            }
        }
        return files;
    }

    /// <summary>Parses a file once, streaming it into a <see cref="JsonDocument"/>, and returns its realms.</summary>
    public static async Task<RealmFile> LoadFileAsync(string path, CancellationToken ct)
    {
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
            return await LoadAsync(stream, path, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RealmLoadException(path, $"cannot be read: {ex.Message}", inner: ex);
        }
    }

    /// <summary>Parses a stream of realm JSON; <paramref name="name"/> names it in errors and locations.</summary>
    public static async Task<RealmFile> LoadAsync(Stream stream, string name, CancellationToken ct)
    {
        var counter = new LeadingWhitespaceStream(stream);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(counter, Options, ct);
        }
        catch (JsonException ex)
        {
            // JsonException counts lines and bytes from 0.
            throw new RealmLoadException(name, $"invalid JSON: {FirstSentence(ex.Message)}",
                (ex.LineNumber ?? 0) + 1, (ex.BytePositionInLine ?? 0) + 1, ex);
        }
        try
        {
            var positions = new JsonPositions(document.RootElement, counter.Lines, counter.Columns);
            var realms = Realms(document.RootElement, name)
                .Select(r => new RealmSource(new RealmView(r.Element, r.Path), name, positions))
                .ToList();
            return new RealmFile(name, document, realms);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    private static List<(JsonElement Element, string Path)> Realms(JsonElement root, string name)
    {
        switch (root.ValueKind)
        {
            case JsonValueKind.Object:
                RequireRealm(root, name, "$");
                return [(root, "$")];
            case JsonValueKind.Array:
                var realms = root.EnumerateArray().Select((r, i) => (Element: r, Path: string.Create(CultureInfo.InvariantCulture, $"$[{i}]"))).ToList();
                if (realms.Count == 0)
                {
                    throw new RealmLoadException(name, "not a Keycloak realm export: the array holds no realm.");
                }
                foreach (var (element, path) in realms)
                {
                    RequireRealm(element, name, path);
                }
                return realms;
            default:
                throw new RealmLoadException(name, $"not a Keycloak realm export: the document is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not a realm object or an array of realms.");
        }
    }

    private static void RequireRealm(JsonElement element, string name, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new RealmLoadException(name, $"not a Keycloak realm export: {path} is a JSON {element.ValueKind.ToString().ToLowerInvariant()}, not a realm object.");
        }
        if (!element.TryGetProperty("realm", out var realm) || realm.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(realm.GetString()))
        {
            throw new RealmLoadException(name, $"not a Keycloak realm export: {path} has no \"realm\" name property.");
        }
    }

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends " Path: $.x | LineNumber: n | BytePositionInLine: m." which we report in our own words.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        cut = text.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? text[..cut] : text).Trim();
    }
}

/// <summary>The realms of one parsed file; disposing it returns the document's pooled memory.</summary>
public sealed class RealmFile(string file, JsonDocument document, IReadOnlyList<RealmSource> realms) : IDisposable
{
    public string File { get; } = file;

    public IReadOnlyList<RealmSource> Realms { get; } = realms;

    public void Dispose() => document.Dispose();
}
