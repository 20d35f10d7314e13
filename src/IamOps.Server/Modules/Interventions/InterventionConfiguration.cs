using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IamOps.Server.Modules.Interventions;

internal sealed class InterventionConfiguration : IEntityTypeConfiguration<Intervention>
{
    public void Configure(EntityTypeBuilder<Intervention> b)
    {
        b.Property(i => i.ActivityKey).HasMaxLength(200);
        b.Property(i => i.Title).HasMaxLength(200);
        b.Property(i => i.Description).HasMaxLength(4000);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(i => i.AssignedParty).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.ApproverParty).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.RequestedByParty).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.RequestedBy).HasMaxLength(320);
        b.Property(i => i.Report).HasMaxLength(8000);
        b.Property(i => i.CompletedBy).HasMaxLength(320);
        b.Property(i => i.DecisionReason).HasMaxLength(2000);
        b.Property(i => i.DecidedBy).HasMaxLength(320);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.Ignore(i => i.Allowed);
        b.Ignore(i => i.IsClosed);
        b.HasIndex(i => new { i.ClientOrganisationId, i.CreatedAt });
        b.HasOne<Contracts.Contract>().WithMany().HasForeignKey(i => i.ContractId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(i => i.Contributions).WithOne().HasForeignKey(c => c.InterventionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Consultations).WithOne().HasForeignKey(c => c.InterventionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InterventionContributionConfiguration : IEntityTypeConfiguration<InterventionContribution>
{
    public void Configure(EntityTypeBuilder<InterventionContribution> b)
    {
        b.Property(c => c.Party).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Author).HasMaxLength(320);
        b.Property(c => c.Text).HasMaxLength(8000);
    }
}

internal sealed class ConsultationConfiguration : IEntityTypeConfiguration<Consultation>
{
    public void Configure(EntityTypeBuilder<Consultation> b)
    {
        b.Property(c => c.ConsultedParty).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Response).HasMaxLength(8000);
        b.Property(c => c.RespondedBy).HasMaxLength(320);
    }
}
