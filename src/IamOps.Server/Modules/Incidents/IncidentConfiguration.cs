using IamOps.Server.Modules.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IamOps.Server.Modules.Incidents;

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> b)
    {
        b.Property(i => i.Title).HasMaxLength(300);
        b.Property(i => i.Description).HasMaxLength(8000);
        b.Property(i => i.Severity).HasConversion<string>().HasMaxLength(8);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(32);
        b.Property(i => i.Source).HasConversion<string>().HasMaxLength(32);
        b.Property(i => i.OpenedBy).HasMaxLength(320);
        b.Property(i => i.Owner).HasMaxLength(320);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.Ignore(i => i.IsOpen);
        b.OwnsMany(i => i.Links, l =>
        {
            l.ToJson();
            l.Property(x => x.Kind).HasConversion<string>();
        });
        b.ComplexProperty(i => i.Response, c => c.Ignore(x => x.IsRunning).Ignore(x => x.IsStopped).Ignore(x => x.Met));
        b.ComplexProperty(i => i.Resolution, c => c.Ignore(x => x.IsRunning).Ignore(x => x.IsStopped).Ignore(x => x.Met));
        b.HasIndex(i => new { i.ClientOrganisationId, i.Status, i.OpenedAt });
        // The sweep reads only the incidents with something due: a warning, a breach or an escalation step.
        b.HasIndex(i => i.NextCheckAt);
        b.HasOne<Contract>().WithMany().HasForeignKey(i => i.ContractId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany<IncidentEvent>().WithOne().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany<IncidentAttachment>().WithOne().HasForeignKey(a => a.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IncidentEventConfiguration : IEntityTypeConfiguration<IncidentEvent>
{
    public void Configure(EntityTypeBuilder<IncidentEvent> b)
    {
        b.Property(e => e.Kind).HasMaxLength(32);
        b.Property(e => e.Actor).HasMaxLength(320);
        b.Property(e => e.ActorParty).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Text).HasMaxLength(8000);
        b.HasIndex(e => new { e.IncidentId, e.At });
    }
}

internal sealed class IncidentAttachmentConfiguration : IEntityTypeConfiguration<IncidentAttachment>
{
    public void Configure(EntityTypeBuilder<IncidentAttachment> b)
    {
        b.Property(a => a.FileName).HasMaxLength(255);
        b.Property(a => a.ContentType).HasMaxLength(200);
        b.Property(a => a.Sha256).HasMaxLength(64);
        b.Property(a => a.UploadedBy).HasMaxLength(320);
        b.HasIndex(a => a.IncidentId);
    }
}
