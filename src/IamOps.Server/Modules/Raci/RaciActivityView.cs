using IamOps.Server.Modules.Platform;

namespace IamOps.Server.Modules.Raci;

/// <summary>One RACI row as the rest of IamOps sees it, whether from a contract or from the default catalogue.</summary>
public sealed record RaciActivityView(
    Guid? ContractId, string Key, string Section, string Table, string ProviderHeading, string ClientHeading, string Text,
    int Position, RaciLetters Provider, RaciLetters Client, string ProviderCell, string ClientCell)
{
    public static RaciActivityView From(ContractActivity a) => new(a.ContractId, a.Key, a.Section, a.Table,
        a.ProviderHeading, a.ClientHeading, a.Text, a.Position, RaciLetters.Parse(a.ProviderLetters), RaciLetters.Parse(a.ClientLetters),
        a.ProviderCell, a.ClientCell);

    public static RaciActivityView From(RaciRow row, RaciTable table) => new(null, row.Key, row.Section, row.Table,
        table.ProviderHeading, table.ClientHeading, row.Text, row.Position, row.Provider, row.Client, row.ProviderCell, row.ClientCell);

    public RaciLetters LettersOf(Party party) => party switch
    {
        Party.Provider => Provider,
        Party.Client => Client,
    };

    /// <summary>The parties holding a letter, provider first.</summary>
    public IReadOnlyList<Party> PartiesWith(RaciLetter letter) =>
        [.. new[] { Party.Provider, Party.Client }.Where(p => LettersOf(p).Has(letter))];

    /// <summary>The row cited in refusals and explanations: section, table, text and both parties' letters.</summary>
    public string Citation =>
        $"RACI row \"{Text}\" ({Section} › {Table}; {ProviderHeading}: {Letters(Provider)}, {ClientHeading}: {Letters(Client)}; key {Key})";

    public static string PartyName(Party party) => party switch
    {
        Party.Provider => "the provider (CLOUD-IAM)",
        Party.Client => "the client",
    };

    private static string Letters(RaciLetters letters) => letters.IsEmpty ? "no letter" : letters.ToCell();
}
