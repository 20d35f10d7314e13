using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Identity;

namespace IamOps.Server.Modules.Organisations;

/// <summary>A person who signs in to IamOps, member of exactly one organisation.</summary>
public sealed class AppUser : IdentityUser<Guid>, IAudited
{
    public Guid OrganisationId { get; set; }

    public Party Party { get; set; }

    public required string Role { get; set; }

    public required string DisplayName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
