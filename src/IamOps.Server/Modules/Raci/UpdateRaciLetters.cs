using System.ComponentModel.DataAnnotations;
using IamOps.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Raci;

/// <summary>New letters of one row, e.g. <c>{"provider":"R","client":"I,S"}</c>; an empty string means no letter.</summary>
public sealed record UpdateRaciLettersRequest(
    [property: Required(AllowEmptyStrings = true), MaxLength(32)] string Provider,
    [property: Required(AllowEmptyStrings = true), MaxLength(32)] string Client);

/// <summary>A provider manager changes the letters of one row of one contract; the change is audited before/after.</summary>
internal static class UpdateRaciLetters
{
    public static void Map(RouteGroupBuilder contracts) =>
        contracts.MapPut("/{id:guid}/raci/{**key}", HandleAsync).WithName(nameof(UpdateRaciLetters));

    internal static async Task<Results<Ok<RaciActivityDto>, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>, ValidationProblem>> HandleAsync(
        Guid id, string key, UpdateRaciLettersRequest request, IamOpsDb db, CancellationToken ct)
    {
        key = Uri.UnescapeDataString(key);
        var row = await db.Set<ContractActivity>().SingleOrDefaultAsync(a => a.ContractId == id && a.Key == key, ct);
        if (row is null)
        {
            return TypedResults.NotFound(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = 404,
                Title = "Unknown activity",
                Detail = $"Contract {id} has no RACI row '{key}'; GET /api/v1/contracts/{id}/raci lists its keys.",
            });
        }

        var errors = new Dictionary<string, string[]>();
        if (!RaciLetters.TryParse(request.Provider, lenient: false, out var provider, out var providerError))
        {
            errors["provider"] = [providerError];
        }
        if (!RaciLetters.TryParse(request.Client, lenient: false, out var client, out var clientError))
        {
            errors["client"] = [clientError];
        }
        if (errors.Count == 0)
        {
            var responsible = (provider.Has(RaciLetter.R) ? 1 : 0) + (client.Has(RaciLetter.R) ? 1 : 0);
            var hadResponsible = RaciLetters.Parse(row.ProviderLetters).Has(RaciLetter.R) || RaciLetters.Parse(row.ClientLetters).Has(RaciLetter.R);
            if (responsible > 1 || (responsible == 0 && hadResponsible))
            {
                var message = $"Exactly one party must be R (responsible) on this row; you gave provider '{request.Provider}' and client '{request.Client}'.";
                errors["provider"] = [message];
                errors["client"] = [message];
            }
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: "Letters are R, A, S, C or I, separated by commas (e.g. \"S,C\"); an empty string means none.");
        }

        if (provider.ToString() != row.ProviderLetters)
        {
            row.ProviderLetters = provider.ToString();
            row.ProviderCell = provider.ToCell();
        }
        if (client.ToString() != row.ClientLetters)
        {
            row.ClientLetters = client.ToString();
            row.ClientCell = client.ToCell();
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(RaciActivityDto.From(RaciActivityView.From(row)));
    }
}
