using IamOps.Server.Modules.Platform;

namespace IamOps.Server.Modules.Organisations;

/// <summary>The provider or one of its client companies.</summary>
public sealed class Organisation : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    /// <summary>Short unique name used in URLs (e.g. SSO sign-in).</summary>
    public required string Slug { get; set; }

    public Party Kind { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public OidcSettings Sso { get; set; } = new();
}

/// <summary>An organisation's OpenID Connect single sign-on configuration.</summary>
public sealed class OidcSettings
{
    public bool Enabled { get; set; }

    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>The client secret, encrypted with ASP.NET Core Data Protection.</summary>
    [Secret]
    public string? ProtectedClientSecret { get; set; }

    /// <summary>Role given to users created at their first SSO sign-in; null means only existing users may sign in.</summary>
    public string? DefaultRole { get; set; }
}
