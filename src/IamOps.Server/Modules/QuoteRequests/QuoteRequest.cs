using System.Text.Json.Serialization;
using IamOps.Server.Modules.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IamOps.Server.Modules.QuoteRequests;

public enum QuoteRequestStatus
{
    [JsonStringEnumMemberName("requested")] Requested,
    [JsonStringEnumMemberName("quoted")] Quoted,
    [JsonStringEnumMemberName("accepted")] Accepted,
    [JsonStringEnumMemberName("refused")] Refused,
}

/// <summary>Work that no RACI row covers: the provider quotes it, the client accepts or refuses, instead of it being done silently.</summary>
public sealed class QuoteRequest : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientOrganisationId { get; set; }

    public required string Title { get; set; }

    public required string Description { get; set; }

    /// <summary>The activity key asked for, when the request came from an intervention no row covers.</summary>
    public string? ActivityKey { get; set; }

    public QuoteRequestStatus Status { get; set; }

    public required string RequestedBy { get; set; }

    public Party RequestedByParty { get; set; }

    public decimal? QuotedAmount { get; set; }

    public string? Currency { get; set; }

    public string? QuoteText { get; set; }

    public string? QuotedBy { get; set; }

    public string? DecisionReason { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Bumped by every transition so two concurrent decisions cannot both win.</summary>
    public int Version { get; set; }

    /// <summary>The transitions the current state allows.</summary>
    public IReadOnlyList<string> Allowed => Status switch
    {
        QuoteRequestStatus.Requested => ["quote"],
        QuoteRequestStatus.Quoted => ["accept", "refuse"],
        QuoteRequestStatus.Accepted or QuoteRequestStatus.Refused => [],
    };

    public static string StateName(QuoteRequestStatus status) => status switch
    {
        QuoteRequestStatus.Requested => "requested",
        QuoteRequestStatus.Quoted => "quoted",
        QuoteRequestStatus.Accepted => "accepted",
        QuoteRequestStatus.Refused => "refused",
    };
}

internal sealed class QuoteRequestConfiguration : IEntityTypeConfiguration<QuoteRequest>
{
    public void Configure(EntityTypeBuilder<QuoteRequest> b)
    {
        b.Property(q => q.Title).HasMaxLength(200);
        b.Property(q => q.Description).HasMaxLength(4000);
        b.Property(q => q.ActivityKey).HasMaxLength(200);
        b.Property(q => q.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(q => q.RequestedBy).HasMaxLength(320);
        b.Property(q => q.RequestedByParty).HasConversion<string>().HasMaxLength(16);
        b.Property(q => q.QuotedAmount).HasPrecision(18, 2);
        b.Property(q => q.Currency).HasMaxLength(3);
        b.Property(q => q.QuoteText).HasMaxLength(4000);
        b.Property(q => q.QuotedBy).HasMaxLength(320);
        b.Property(q => q.DecisionReason).HasMaxLength(2000);
        b.Property(q => q.DecidedBy).HasMaxLength(320);
        b.Property(q => q.Version).IsConcurrencyToken();
        b.Ignore(q => q.Allowed);
        b.HasIndex(q => new { q.ClientOrganisationId, q.CreatedAt });
        b.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(q => q.ClientOrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed record QuoteRequestDto(
    Guid Id, Guid ClientOrganisationId, string Title, string Description, QuoteRequestStatus Status, string RequestedBy,
    decimal? QuotedAmount, string? Currency, string? QuoteText, string? DecisionReason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string? ActivityKey, IReadOnlyList<string> Allowed)
{
    public static QuoteRequestDto From(QuoteRequest q) => new(q.Id, q.ClientOrganisationId, q.Title, q.Description, q.Status, q.RequestedBy,
        q.QuotedAmount, q.Currency, q.QuoteText, q.DecisionReason, q.CreatedAt, q.UpdatedAt, q.ActivityKey, q.Allowed);
}
