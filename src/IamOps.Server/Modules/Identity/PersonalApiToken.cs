using IamOps.Server.Modules.Platform;

namespace IamOps.Server.Modules.Identity;

/// <summary>A revocable token for automation; only its SHA-256 is stored.</summary>
public sealed class PersonalApiToken : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    public Guid OrganisationId { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the token, shown to tell tokens apart.</summary>
    public required string Prefix { get; set; }

    [Secret]
    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
