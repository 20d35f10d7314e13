using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IamOps.Server.Modules.Changes;

internal sealed class ChangeRequestConfiguration : IEntityTypeConfiguration<ChangeRequest>
{
    public void Configure(EntityTypeBuilder<ChangeRequest> b)
    {
        b.Property(c => c.Title).HasMaxLength(200);
        b.Property(c => c.Description).HasMaxLength(8000);
        b.Property(c => c.RollbackPlan).HasMaxLength(8000);
        b.Property(c => c.Origin).HasConversion<string>().HasMaxLength(32);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(32);
        b.Property(c => c.ComputedType).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.OverrideType).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.OverrideJustification).HasMaxLength(2000);
        b.Property(c => c.RequestedBy).HasMaxLength(320);
        b.Property(c => c.RequestedByParty).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.ApprovalActivityKey).HasMaxLength(200);
        b.Property(c => c.ActivityReport).HasMaxLength(16000);
        b.Property(c => c.ReportedBy).HasMaxLength(320);
        b.Ignore(c => c.Type);
        b.ComplexProperty(c => c.Scores);
        b.OwnsMany(c => c.Approvals, a =>
        {
            a.ToJson();
            a.Property(x => x.Party).HasConversion<string>();
        });
        b.OwnsMany(c => c.Contributions, a =>
        {
            a.ToJson();
            a.Property(x => x.Party).HasConversion<string>();
        });
        b.OwnsMany(c => c.Consultations, a =>
        {
            a.ToJson();
            a.Property(x => x.ConsultedParty).HasConversion<string>();
        });
        b.HasMany(c => c.Targets).WithOne().HasForeignKey(t => t.ChangeRequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.ClientOrganisationId, c.CreatedAt });
        b.HasIndex(c => new { c.Status, c.PlannedStart });
    }
}

internal sealed class ChangeTargetConfiguration : IEntityTypeConfiguration<ChangeTarget>
{
    public void Configure(EntityTypeBuilder<ChangeTarget> b)
    {
        b.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(t => t.Name).HasMaxLength(200);
        b.Ignore(t => t.Display);
        // The conflict check: targets on these clusters whose slot ends after the asked start (range scan on SlotEnd),
        // SlotStart filtered inside the index; only targets holding a slot are indexed.
        b.HasIndex(t => new { t.ClusterId, t.SlotEnd, t.SlotStart })
            .IncludeProperties(t => new { t.ChangeRequestId, t.ClientOrganisationId })
            .HasFilter("\"SlotEnd\" IS NOT NULL")
            .HasDatabaseName("IX_ChangeTargets_Slot");
        // Resource history (a realm, node or database by name). Not led by ClusterId: otherwise PostgreSQL picks it for the
        // conflict check and filters every target of the cluster instead of range-scanning the slot index.
        b.HasIndex(t => new { t.Kind, t.Name, t.ClusterId });
    }
}

internal sealed class ChangeAttachmentConfiguration : IEntityTypeConfiguration<ChangeAttachment>
{
    public void Configure(EntityTypeBuilder<ChangeAttachment> b)
    {
        b.Property(a => a.Name).HasMaxLength(200);
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(a => a.Content).HasMaxLength(200_000);
        b.Property(a => a.Sha256).HasMaxLength(64);
        b.Property(a => a.Party).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.UploadedBy).HasMaxLength(320);
        b.HasIndex(a => new { a.ChangeRequestId, a.Name, a.Version }).IsUnique();
        b.HasOne<ChangeRequest>().WithMany().HasForeignKey(a => a.ChangeRequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OneOffMaintenanceWindowConfiguration : IEntityTypeConfiguration<OneOffMaintenanceWindow>
{
    public void Configure(EntityTypeBuilder<OneOffMaintenanceWindow> b)
    {
        b.Property(w => w.Name).HasMaxLength(200);
        b.Property(w => w.CreatedBy).HasMaxLength(320);
        b.HasIndex(w => new { w.ClientOrganisationId, w.End, w.Start });
    }
}

internal sealed class ChangeFreezeConfiguration : IEntityTypeConfiguration<ChangeFreeze>
{
    public void Configure(EntityTypeBuilder<ChangeFreeze> b)
    {
        b.Property(f => f.Name).HasMaxLength(200);
        b.Property(f => f.CreatedBy).HasMaxLength(320);
        b.HasIndex(f => new { f.ClientOrganisationId, f.End, f.Start });
    }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> b)
    {
        b.Property(f => f.TokenHash).HasMaxLength(64);
        b.Property(f => f.Label).HasMaxLength(200);
        b.Property(f => f.CreatedBy).HasMaxLength(320);
        b.HasIndex(f => f.TokenHash).IsUnique();
        b.HasIndex(f => f.ClientOrganisationId);
    }
}
