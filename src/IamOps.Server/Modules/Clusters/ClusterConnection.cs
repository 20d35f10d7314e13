using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IamOps.Server.Modules.Clusters;

/// <summary>How IamOps reaches a cluster: its Keycloak Admin API, its PostgreSQL database and its nodes' exporters.</summary>
public sealed class ClusterConnection : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientOrganisationId { get; set; }

    public Guid ClusterId { get; set; }

    /// <summary>Keycloak base URL, e.g. https://sso.acme.example (with the relative path, e.g. /auth, if one is set).</summary>
    public string? KeycloakBaseUrl { get; set; }

    /// <summary>Realm where the admin token is obtained (master by default).</summary>
    public string KeycloakAuthRealm { get; set; } = "master";

    public string? KeycloakClientId { get; set; }

    public KeycloakGrant KeycloakGrant { get; set; } = KeycloakGrant.ClientCredentials;

    /// <summary>User name for the password grant.</summary>
    public string? KeycloakUsername { get; set; }

    /// <summary>Client secret (client credentials) or password (password grant), encrypted with Data Protection.</summary>
    [Secret]
    public string? KeycloakProtectedSecret { get; set; }

    public string? PostgresHost { get; set; }

    public int PostgresPort { get; set; } = 5432;

    public string? PostgresDatabase { get; set; }

    public string? PostgresUsername { get; set; }

    [Secret]
    public string? PostgresProtectedPassword { get; set; }

    /// <summary>node_exporter URLs of the cluster's servers (e.g. http://kc-1:9100/metrics).</summary>
    public List<string> NodeExporterUrls { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }
}

public enum KeycloakGrant
{
    ClientCredentials,
    Password,
}

internal sealed class ClusterConnectionConfiguration : IEntityTypeConfiguration<ClusterConnection>
{
    public void Configure(EntityTypeBuilder<ClusterConnection> b)
    {
        b.HasIndex(c => c.ClusterId).IsUnique();
        b.Property(c => c.KeycloakBaseUrl).HasMaxLength(500);
        b.Property(c => c.KeycloakAuthRealm).HasMaxLength(255);
        b.Property(c => c.KeycloakClientId).HasMaxLength(255);
        b.Property(c => c.KeycloakGrant).HasConversion<string>().HasMaxLength(32);
        b.Property(c => c.KeycloakUsername).HasMaxLength(255);
        b.Property(c => c.KeycloakProtectedSecret).HasMaxLength(4000);
        b.Property(c => c.PostgresHost).HasMaxLength(255);
        b.Property(c => c.PostgresDatabase).HasMaxLength(100);
        b.Property(c => c.PostgresUsername).HasMaxLength(100);
        b.Property(c => c.PostgresProtectedPassword).HasMaxLength(4000);
    }
}

/// <summary>Keycloak Admin API access of a cluster, secret decrypted.</summary>
public sealed record KeycloakEndpoint(Uri BaseUrl, string AuthRealm, string ClientId, KeycloakGrant Grant, string? Username, string? Secret)
{
    public override string ToString() => $"{BaseUrl} (realm {AuthRealm}, client {ClientId})";
}

/// <summary>PostgreSQL access of a cluster, password decrypted.</summary>
public sealed record PostgresEndpoint(string Host, int Port, string Database, string Username, string? Password)
{
    /// <summary>An Npgsql connection string.</summary>
    public string ConnectionString(string? database = null) =>
        new Npgsql.NpgsqlConnectionStringBuilder
        {
            Host = Host, Port = Port, Database = database ?? Database, Username = Username, Password = Password,
        }.ConnectionString;

    /// <summary>The libpq environment (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD) for pg_dump, psql, pgBackRest.</summary>
    public IReadOnlyDictionary<string, string> LibpqEnvironment()
    {
        var env = new Dictionary<string, string>
        {
            ["PGHOST"] = Host,
            ["PGPORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGDATABASE"] = Database,
            ["PGUSER"] = Username,
        };
        if (Password is not null)
        {
            env["PGPASSWORD"] = Password;
        }
        return env;
    }

    public override string ToString() => $"{Username}@{Host}:{Port}/{Database}";
}

/// <summary>Encrypts a cluster's connection secrets at rest; the cluster id is part of the purpose.</summary>
public sealed class ClusterSecretProtector(IDataProtectionProvider provider)
{
    private const string Purpose = "IamOps.Clusters.ConnectionSecret.v1";

    public string Protect(Guid clusterId, string secret) => provider.CreateProtector(Purpose, clusterId.ToString()).Protect(secret);

    public string Unprotect(Guid clusterId, string protectedSecret) =>
        provider.CreateProtector(Purpose, clusterId.ToString()).Unprotect(protectedSecret);
}

/// <summary>What capabilities (configuration snapshots, inventory, backups) use to reach a cluster.</summary>
public interface IClusterConnections
{
    /// <summary>The cluster's Keycloak Admin API access, or null when none is configured (or the cluster is not visible).</summary>
    Task<KeycloakEndpoint?> KeycloakAsync(Guid clusterId, CancellationToken ct);

    /// <summary>The cluster's PostgreSQL access, or null when none is configured (or the cluster is not visible).</summary>
    Task<PostgresEndpoint?> PostgresAsync(Guid clusterId, CancellationToken ct);

    /// <summary>The node_exporter URLs of the cluster's servers.</summary>
    Task<IReadOnlyList<Uri>> NodeExportersAsync(Guid clusterId, CancellationToken ct);
}

internal sealed class ClusterConnections(IamOpsDb db, ClusterSecretProtector secrets) : IClusterConnections
{
    public async Task<KeycloakEndpoint?> KeycloakAsync(Guid clusterId, CancellationToken ct)
    {
        var c = await FindAsync(clusterId, ct);
        if (c?.KeycloakBaseUrl is null || c.KeycloakClientId is null)
        {
            return null;
        }
        var secret = c.KeycloakProtectedSecret is { } p ? secrets.Unprotect(clusterId, p) : null;
        return new KeycloakEndpoint(new Uri(c.KeycloakBaseUrl), c.KeycloakAuthRealm, c.KeycloakClientId, c.KeycloakGrant, c.KeycloakUsername, secret);
    }

    public async Task<PostgresEndpoint?> PostgresAsync(Guid clusterId, CancellationToken ct)
    {
        var c = await FindAsync(clusterId, ct);
        if (c?.PostgresHost is null || c.PostgresDatabase is null || c.PostgresUsername is null)
        {
            return null;
        }
        var password = c.PostgresProtectedPassword is { } p ? secrets.Unprotect(clusterId, p) : null;
        return new PostgresEndpoint(c.PostgresHost, c.PostgresPort, c.PostgresDatabase, c.PostgresUsername, password);
    }

    public async Task<IReadOnlyList<Uri>> NodeExportersAsync(Guid clusterId, CancellationToken ct)
    {
        var c = await FindAsync(clusterId, ct);
        return c is null ? [] : [.. c.NodeExporterUrls.Select(u => new Uri(u))];
    }

    private Task<ClusterConnection?> FindAsync(Guid clusterId, CancellationToken ct) =>
        db.Set<ClusterConnection>().AsNoTracking().SingleOrDefaultAsync(c => c.ClusterId == clusterId, ct);
}
