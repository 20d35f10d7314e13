namespace IamOps.Server.Modules.Raci;

/// <summary>One activity: provider/client are the normalised letters, the cells are the matrix's text verbatim.</summary>
public sealed record RaciActivityDto(
    string Key, string Section, string Table, string Text, string Provider, string Client, string ProviderCell, string ClientCell)
{
    public static RaciActivityDto From(RaciActivityView a) =>
        new(a.Key, a.Section, a.Table, a.Text, a.Provider.ToString(), a.Client.ToString(), a.ProviderCell, a.ClientCell);
}

/// <summary>A contract's RACI matrix laid out like the seed: sections, tables, rows.</summary>
public sealed record RaciMatrixDto(Guid ContractId, IReadOnlyList<RaciMatrixSectionDto> Sections)
{
    public static RaciMatrixDto From(Guid contractId, IEnumerable<RaciActivityView> activities) => new(contractId,
        [.. activities.OrderBy(a => a.Position).GroupBy(a => a.Section).Select(s => new RaciMatrixSectionDto(s.Key,
            [.. s.GroupBy(a => a.Table).Select(t => new RaciMatrixTableDto(t.Key, t.First().ProviderHeading, t.First().ClientHeading,
                [.. t.Select(a => new RaciMatrixRowDto(a.Key, a.Text, a.Provider.ToString(), a.Client.ToString(), a.ProviderCell, a.ClientCell))]))]))]);
}

public sealed record RaciMatrixSectionDto(string Name, IReadOnlyList<RaciMatrixTableDto> Tables);

public sealed record RaciMatrixTableDto(string Name, string ProviderHeading, string ClientHeading, IReadOnlyList<RaciMatrixRowDto> Rows);

public sealed record RaciMatrixRowDto(string Key, string Text, string Provider, string Client, string ProviderCell, string ClientCell);
