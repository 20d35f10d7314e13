using IamOps.Server.Modules.AuditTrail;
using IamOps.Server.Modules.Clusters;
using IamOps.Server.Modules.Contracts;
using IamOps.Server.Modules.Identity;
using IamOps.Server.Modules.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IamOps.Server.Data;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.Property(o => o.Name).HasMaxLength(200);
        b.Property(o => o.Slug).HasMaxLength(64);
        b.HasIndex(o => o.Slug).IsUnique();
        b.Property(o => o.Kind).HasConversion<string>().HasMaxLength(16);
        b.OwnsOne(o => o.Sso, sso =>
        {
            sso.Property(s => s.Authority).HasMaxLength(500);
            sso.Property(s => s.ClientId).HasMaxLength(200);
            sso.Property(s => s.ProtectedClientSecret).HasMaxLength(2000);
            sso.Property(s => s.DefaultRole).HasMaxLength(32);
        });
        b.Navigation(o => o.Sso).IsRequired();
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.Party).HasConversion<string>().HasMaxLength(16);
        b.Property(u => u.Role).HasMaxLength(32);
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.HasIndex(u => u.OrganisationId);
        b.HasOne<Organisation>().WithMany().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ContractConfiguration : IEntityTypeConfiguration<Contract>
{
    public void Configure(EntityTypeBuilder<Contract> b)
    {
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.TimeZone).HasMaxLength(64);
        b.Property(c => c.WorkingDays).HasMaxLength(32);
        b.HasIndex(c => c.ClientOrganisationId);
        b.HasOne<Organisation>().WithMany().HasForeignKey(c => c.ClientOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(c => c.ServiceLevels, s =>
        {
            s.ToJson();
            s.Property(x => x.Calendar).HasConversion<string>();
        });
        b.OwnsMany(c => c.MaintenanceWindows, m => m.ToJson());
    }
}

internal sealed class ClusterConfiguration : IEntityTypeConfiguration<Cluster>
{
    public void Configure(EntityTypeBuilder<Cluster> b)
    {
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.Environment).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.KeycloakVersion).HasMaxLength(32);
        b.Property(c => c.HostingRegion).HasMaxLength(100);
        b.Property(c => c.PostgresInstance).HasMaxLength(200);
        b.Property(c => c.PostgresDatabase).HasMaxLength(100);
        b.HasIndex(c => new { c.ClientOrganisationId, c.Name }).IsUnique();
        // Serves the cluster list's ORDER BY Name, Id with an index-only scan (the tenancy filter's column included).
        b.HasIndex(c => new { c.Name, c.Id }).IncludeProperties(c => c.ClientOrganisationId);
        b.HasOne<Organisation>().WithMany().HasForeignKey(c => c.ClientOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(c => c.Nodes, n => n.ToJson());
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasIndex(a => new { a.ChainId, a.Seq }).IsUnique();
        b.Property(a => a.Actor).HasMaxLength(320);
        b.Property(a => a.Action).HasMaxLength(64);
        b.Property(a => a.ActivityKey).HasMaxLength(200);
        b.Property(a => a.EntityType).HasMaxLength(100);
        b.Property(a => a.EntityId).HasMaxLength(100);
        b.Property(a => a.PrevHash).HasMaxLength(64);
        b.Property(a => a.Hash).HasMaxLength(64);
    }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> b)
    {
        b.HasKey(h => h.ChainId);
        b.Property(h => h.LastSeq).IsConcurrencyToken();
        b.Property(h => h.LastHash).HasMaxLength(64);
    }
}

internal sealed class PersonalApiTokenConfiguration : IEntityTypeConfiguration<PersonalApiToken>
{
    public void Configure(EntityTypeBuilder<PersonalApiToken> b)
    {
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.Prefix).HasMaxLength(32);
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.HasIndex(t => t.UserId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
