namespace IamOps.Server.Modules.Platform;

/// <summary>One page of a list result.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total);
