using IamOps.Server.Modules.Contracts;

namespace IamOps.Server.Modules.Raci;

/// <summary>Every new contract starts with the default RACI catalogue, saved in the same transaction.</summary>
internal sealed class AssignCatalogueOnContractCreated(RaciCatalogue catalogue) : IContractCreatedHandler
{
    public Task OnContractCreatedAsync(Contract contract, CancellationToken ct) => catalogue.AssignDefaultAsync(contract, ct);
}
