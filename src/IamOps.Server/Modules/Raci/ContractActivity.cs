using IamOps.Server.Modules.Contracts;
using IamOps.Server.Modules.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IamOps.Server.Modules.Raci;

/// <summary>One RACI row of one contract: who does what for this client (the default catalogue, possibly edited).</summary>
public sealed class ContractActivity : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ContractId { get; set; }

    public Guid ClientOrganisationId { get; set; }

    /// <summary>Stable key, <c>section-slug/text-slug</c>.</summary>
    public required string Key { get; set; }

    public required string Section { get; set; }

    public required string Table { get; set; }

    /// <summary>The provider column's heading in the seed (e.g. <c>CLOUD-IAM SYSTEM</c>).</summary>
    public required string ProviderHeading { get; set; }

    /// <summary>The client column's heading in the seed (<c>[CLIENT]</c>).</summary>
    public required string ClientHeading { get; set; }

    public required string Text { get; set; }

    /// <summary>Order of the row in the matrix.</summary>
    public int Position { get; set; }

    /// <summary>The provider's letters, normalised (e.g. <c>R</c>, <c>S,C</c>; empty for none).</summary>
    public required string ProviderLetters { get; set; }

    public required string ClientLetters { get; set; }

    /// <summary>The provider's cell as the matrix writes it (e.g. <c>R , A</c>, or a Greek <c>Ι</c>).</summary>
    public required string ProviderCell { get; set; }

    public required string ClientCell { get; set; }

    public static ContractActivity From(RaciRow row, RaciTable table, Guid contractId, Guid clientOrganisationId) => new()
    {
        ContractId = contractId,
        ClientOrganisationId = clientOrganisationId,
        Key = row.Key,
        Section = row.Section,
        Table = row.Table,
        ProviderHeading = table.ProviderHeading,
        ClientHeading = table.ClientHeading,
        Text = row.Text,
        Position = row.Position,
        ProviderLetters = row.Provider.ToString(),
        ClientLetters = row.Client.ToString(),
        ProviderCell = row.ProviderCell,
        ClientCell = row.ClientCell,
    };
}

internal sealed class ContractActivityConfiguration : IEntityTypeConfiguration<ContractActivity>
{
    public void Configure(EntityTypeBuilder<ContractActivity> b)
    {
        b.Property(a => a.Key).HasMaxLength(200);
        b.Property(a => a.Section).HasMaxLength(200);
        b.Property(a => a.Table).HasMaxLength(200);
        b.Property(a => a.ProviderHeading).HasMaxLength(100);
        b.Property(a => a.ClientHeading).HasMaxLength(100);
        b.Property(a => a.Text).HasMaxLength(2000);
        b.Property(a => a.ProviderLetters).HasMaxLength(16);
        b.Property(a => a.ClientLetters).HasMaxLength(16);
        b.Property(a => a.ProviderCell).HasMaxLength(64);
        b.Property(a => a.ClientCell).HasMaxLength(64);
        b.HasIndex(a => new { a.ContractId, a.Key }).IsUnique();
        b.HasIndex(a => a.ClientOrganisationId);
        b.HasOne<Contract>().WithMany().HasForeignKey(a => a.ContractId).OnDelete(DeleteBehavior.Cascade);
    }
}
