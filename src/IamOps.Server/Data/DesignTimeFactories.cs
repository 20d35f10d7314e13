using IamOps.Server.Modules.AuditTrail;
using IamOps.Server.Modules.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IamOps.Server.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteIamOpsDb>
{
    public SqliteIamOpsDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteIamOpsDb>().UseSqlite("Data Source=design.db").Options, DesignTime.Tenant(), DesignTime.Recorder());
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL model.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresIamOpsDb>
{
    public PostgresIamOpsDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresIamOpsDb>().UseNpgsql("Host=localhost;Database=design").Options, DesignTime.Tenant(), DesignTime.Recorder());
}

internal static class DesignTime
{
    public static TenantContext Tenant() => new(new HttpContextAccessor());

    public static AuditRecorder Recorder() => new(Tenant(), new AuditScope(), TimeProvider.System, new AuditWriteGate());
}
