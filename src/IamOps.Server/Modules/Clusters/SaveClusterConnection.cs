using System.ComponentModel.DataAnnotations;
using IamOps.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Clusters;

/// <summary>
/// How to reach a cluster. Secrets are write-only: null keeps the stored one, an empty string removes it.
/// </summary>
public sealed record SaveClusterConnectionRequest(
    [property: MaxLength(500)] string? KeycloakBaseUrl,
    [property: MaxLength(255)] string? KeycloakAuthRealm,
    [property: MaxLength(255)] string? KeycloakClientId,
    KeycloakGrant? KeycloakGrant,
    [property: MaxLength(255)] string? KeycloakUsername,
    [property: MaxLength(1000)] string? KeycloakSecret,
    [property: MaxLength(255)] string? PostgresHost,
    [property: Range(1, 65535)] int? PostgresPort,
    [property: MaxLength(100)] string? PostgresDatabase,
    [property: MaxLength(100)] string? PostgresUsername,
    [property: MaxLength(1000)] string? PostgresPassword,
    [property: MaxLength(32)] List<string>? NodeExporterUrls);

/// <summary>A cluster's connection settings as shown: never the secrets, only whether they are set.</summary>
public sealed record ClusterConnectionDto(
    Guid ClusterId, string? KeycloakBaseUrl, string KeycloakAuthRealm, string? KeycloakClientId, KeycloakGrant KeycloakGrant,
    string? KeycloakUsername, bool KeycloakSecretSet, string? PostgresHost, int PostgresPort, string? PostgresDatabase,
    string? PostgresUsername, bool PostgresPasswordSet, IReadOnlyList<string> NodeExporterUrls, DateTimeOffset? UpdatedAt)
{
    public static ClusterConnectionDto From(ClusterConnection c) => new(
        c.ClusterId, c.KeycloakBaseUrl, c.KeycloakAuthRealm, c.KeycloakClientId, c.KeycloakGrant, c.KeycloakUsername,
        c.KeycloakProtectedSecret is not null, c.PostgresHost, c.PostgresPort, c.PostgresDatabase, c.PostgresUsername,
        c.PostgresProtectedPassword is not null, c.NodeExporterUrls, c.UpdatedAt);

    public static ClusterConnectionDto Empty(Guid clusterId) =>
        new(clusterId, null, "master", null, KeycloakGrant.ClientCredentials, null, false, null, 5432, null, null, false, [], null);
}

/// <summary>Provider staff read and set how IamOps reaches a cluster (Keycloak Admin API, PostgreSQL, node exporters).</summary>
internal static class SaveClusterConnection
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/connection", GetAsync).WithName("GetClusterConnection");
        group.MapPut("/{id:guid}/connection", PutAsync).WithName("SaveClusterConnection");
    }

    private static async Task<Results<Ok<ClusterConnectionDto>, NotFound>> GetAsync(Guid id, IamOpsDb db, CancellationToken ct)
    {
        if (!await db.Set<Cluster>().AnyAsync(c => c.Id == id, ct))
        {
            return TypedResults.NotFound();
        }
        var connection = await db.Set<ClusterConnection>().AsNoTracking().SingleOrDefaultAsync(c => c.ClusterId == id, ct);
        return TypedResults.Ok(connection is null ? ClusterConnectionDto.Empty(id) : ClusterConnectionDto.From(connection));
    }

    private static async Task<Results<Ok<ClusterConnectionDto>, NotFound, ValidationProblem>> PutAsync(
        Guid id, SaveClusterConnectionRequest request, IamOpsDb db, ClusterSecretProtector secrets, TimeProvider clock, CancellationToken ct)
    {
        var cluster = await db.Set<Cluster>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (cluster is null)
        {
            return TypedResults.NotFound();
        }
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var connection = await db.Set<ClusterConnection>().AsTracking().SingleOrDefaultAsync(c => c.ClusterId == id, ct);
        if (connection is null)
        {
            connection = new ClusterConnection { ClusterId = id, ClientOrganisationId = cluster.ClientOrganisationId };
            db.Add(connection);
        }
        connection.KeycloakBaseUrl = Blank(request.KeycloakBaseUrl)?.TrimEnd('/');
        connection.KeycloakAuthRealm = Blank(request.KeycloakAuthRealm) ?? "master";
        connection.KeycloakClientId = Blank(request.KeycloakClientId);
        connection.KeycloakGrant = request.KeycloakGrant ?? KeycloakGrant.ClientCredentials;
        connection.KeycloakUsername = Blank(request.KeycloakUsername);
        connection.PostgresHost = Blank(request.PostgresHost);
        connection.PostgresPort = request.PostgresPort ?? 5432;
        connection.PostgresDatabase = Blank(request.PostgresDatabase);
        connection.PostgresUsername = Blank(request.PostgresUsername);
        connection.NodeExporterUrls = [.. (request.NodeExporterUrls ?? []).Select(u => u.Trim())];
        if (request.KeycloakSecret is { } kcSecret)
        {
            connection.KeycloakProtectedSecret = kcSecret.Length == 0 ? null : secrets.Protect(id, kcSecret);
        }
        if (request.PostgresPassword is { } pgPassword)
        {
            connection.PostgresProtectedPassword = pgPassword.Length == 0 ? null : secrets.Protect(id, pgPassword);
        }
        connection.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ClusterConnectionDto.From(connection));
    }

    private static Dictionary<string, string[]> Validate(SaveClusterConnectionRequest r)
    {
        var errors = new Dictionary<string, string[]>();
        if (Blank(r.KeycloakBaseUrl) is { } url && !IsHttpUrl(url))
        {
            errors["keycloakBaseUrl"] = ["An absolute http(s) URL is expected, e.g. https://sso.acme.example."];
        }
        if (Blank(r.KeycloakBaseUrl) is not null && Blank(r.KeycloakClientId) is null)
        {
            errors["keycloakClientId"] = ["The client id used to obtain an admin token is required with a Keycloak URL (e.g. admin-cli)."];
        }
        if (r.KeycloakGrant == Clusters.KeycloakGrant.Password && Blank(r.KeycloakUsername) is null)
        {
            errors["keycloakUsername"] = ["The password grant needs a user name."];
        }
        if (Blank(r.PostgresHost) is not null && (Blank(r.PostgresDatabase) is null || Blank(r.PostgresUsername) is null))
        {
            errors["postgresDatabase"] = ["A PostgreSQL host needs a database and a user name."];
        }
        var bad = (r.NodeExporterUrls ?? []).Where(u => !IsHttpUrl(u.Trim())).ToList();
        if (bad.Count > 0)
        {
            errors["nodeExporterUrls"] = [$"Not absolute http(s) URLs: {string.Join(", ", bad)}."];
        }
        return errors;
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
