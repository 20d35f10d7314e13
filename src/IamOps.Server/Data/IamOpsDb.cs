using IamOps.Server.Modules.AuditTrail;
using IamOps.Server.Modules.Organisations;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using System.Linq.Expressions;

namespace IamOps.Server.Data;

/// <summary>The IamOps database: tenancy filters and the audit trail are applied here, for every module.</summary>
public abstract class IamOpsDb(DbContextOptions options, TenantContext tenant, AuditRecorder auditRecorder)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    internal TenantContext Tenant => tenant;

    // Read by the query filters: EF evaluates these per query, so one model serves every tenant.
    internal bool TenantRestricted => tenant.IsRestricted;

    internal Guid TenantOrganisationId => tenant.RestrictedOrganisationId;

    internal bool TenantAuthenticated => tenant.IsAuthenticated;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(IamOpsDb).Assembly);

        foreach (var entityType in builder.Model.GetEntityTypes()
                     .Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType) && !t.IsOwned()))
        {
            builder.Entity(entityType.ClrType).HasQueryFilter(TenantFilter(entityType.ClrType));
        }

        builder.Entity<Organisation>().HasQueryFilter(o => !TenantRestricted || o.Id == TenantOrganisationId);
        // Sign-in and cookie validation look users up before anyone is authenticated; every API endpoint that lists
        // users requires authentication, so an anonymous caller never reaches a user list.
        builder.Entity<AppUser>().HasQueryFilter(u => !TenantRestricted || !TenantAuthenticated || u.OrganisationId == TenantOrganisationId);
        builder.Entity<AuditEntry>().HasQueryFilter(a => !TenantRestricted || a.ChainId == TenantOrganisationId);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        auditRecorder.SaveWithAuditAsync(this, ct => base.SaveChangesAsync(acceptAllChangesOnSuccess, ct), cancellationToken);

    private LambdaExpression TenantFilter(Type clrType)
    {
        // e => !this.TenantRestricted || e.ClientOrganisationId == this.TenantOrganisationId
        var e = Expression.Parameter(clrType, "e");
        var self = Expression.Constant(this);
        var restricted = Expression.Property(self, nameof(TenantRestricted));
        var org = Expression.Property(self, nameof(TenantOrganisationId));
        var owner = Expression.Property(e, nameof(ITenantOwned.ClientOrganisationId));
        var body = Expression.OrElse(Expression.Not(restricted), Expression.Equal(owner, org));
        return Expression.Lambda(body, e);
    }
}

/// <summary>The SQLite flavour (embedded default); its own migrations.</summary>
public sealed class SqliteIamOpsDb(DbContextOptions<SqliteIamOpsDb> options, TenantContext tenant, AuditRecorder auditRecorder)
    : IamOpsDb(options, tenant, auditRecorder)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset text; store it as a sortable 64-bit number.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>The PostgreSQL flavour (production); its own migrations.</summary>
public sealed class PostgresIamOpsDb(DbContextOptions<PostgresIamOpsDb> options, TenantContext tenant, AuditRecorder auditRecorder)
    : IamOpsDb(options, tenant, auditRecorder);
