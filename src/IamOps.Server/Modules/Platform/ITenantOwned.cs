namespace IamOps.Server.Modules.Platform;

/// <summary>An entity that belongs to one client organisation; the tenancy query filter applies to it.</summary>
public interface ITenantOwned
{
    Guid ClientOrganisationId { get; }
}

/// <summary>An entity whose changes are written to the audit trail.</summary>
public interface IAudited
{
    /// <summary>The id shown in the audit trail.</summary>
    Guid Id { get; }
}

/// <summary>Marks a property whose value never reaches the audit trail or the logs.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
