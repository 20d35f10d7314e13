using System.Text.Json;

namespace IamOps.Core.KeycloakAudit;

/// <summary>A realm to audit and, when it was read from a file, how to find its nodes' lines and columns.</summary>
public sealed class RealmSource(RealmView realm, string? file, JsonPositions? positions)
{
    public RealmView Realm { get; } = realm;

    /// <summary>The file it was read from, as given on the command line; null for a live realm.</summary>
    public string? File { get; } = file;

    public SourceLocation? Locate(JsonElement node) =>
        File is not null && positions?.Find(node) is { } position ? new SourceLocation(File, position.Line, position.Column) : null;
}
