using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IamOps.Server.Modules.Raci;

public sealed record RaciExplanationDto(
    Guid? ContractId, RaciActivityDto Activity,
    IReadOnlyList<Party> Responsible, IReadOnlyList<Party> Accountable, IReadOnlyList<Party> Support,
    IReadOnlyList<Party> Consulted, IReadOnlyList<Party> Informed, RaciCallerDto You, string Explanation);

/// <summary>The caller's place on the row.</summary>
public sealed record RaciCallerDto(
    Party Party, string Letters, bool MayPerform, bool MayApprove, bool MayContribute, bool IsConsulted, bool IsInformed);

/// <summary>Says who may do what on one activity, for the caller, citing the row.</summary>
internal static class ExplainRaciActivity
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/explain", HandleAsync).WithName(nameof(ExplainRaciActivity));

    internal static async Task<Results<Ok<RaciExplanationDto>, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>, ValidationProblem>> HandleAsync(
        string? activity, Guid? contractId, RaciCatalogue catalogue, TenantContext tenant, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(activity))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["activity"] = ["Give the activity key, e.g. ?activity=" + RaciActivities.IncidentManagement],
            });
        }

        var contract = contractId;
        if (contract is null && tenant.IsRestricted && tenant.OrganisationId is { } own)
        {
            contract = await catalogue.ContractIdOfClientAsync(own, ct);
        }
        IReadOnlyList<RaciActivityView>? rows = contract is { } c ? await catalogue.ActivitiesAsync(c, ct) : RaciCatalogue.Default;
        if (rows is null)
        {
            return TypedResults.NotFound(ListRaciActivities.ContractNotFound(contract!.Value));
        }

        var row = rows.FirstOrDefault(r => r.Key == activity);
        if (row is null)
        {
            var closest = RaciCatalogue.ClosestKeys(rows.Select(r => r.Key), activity);
            var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = 404,
                Title = "Unknown activity",
                Detail = $"No RACI row has the key '{activity}'. Did you mean {string.Join(" or ", closest.Select(k => $"'{k}'"))}? "
                    + "GET /api/v1/raci/activities lists every key.",
            };
            problem.Extensions["suggestions"] = closest;
            return TypedResults.NotFound(problem);
        }

        var party = tenant.Party ?? Party.Client;
        bool May(RaciDuty duty) => RaciEvaluation.Evaluate(row, row.Key, duty, party, tenant.Role).Allowed;
        var mine = row.LettersOf(party);
        var you = new RaciCallerDto(party, mine.ToString(), May(RaciDuty.Perform), May(RaciDuty.Approve), May(RaciDuty.Contribute),
            mine.Has(RaciLetter.C), mine.Has(RaciLetter.I));
        return TypedResults.Ok(new RaciExplanationDto(contract, RaciActivityDto.From(row),
            row.PartiesWith(RaciLetter.R), row.PartiesWith(RaciLetter.A), row.PartiesWith(RaciLetter.S),
            row.PartiesWith(RaciLetter.C), row.PartiesWith(RaciLetter.I), you, Explain(row, you)));
    }

    private static string Explain(RaciActivityView row, RaciCallerDto you)
    {
        var may = new List<string>();
        if (you.MayPerform)
        {
            may.Add("perform it");
        }
        if (you.MayApprove)
        {
            may.Add("approve its outcome");
        }
        if (you.MayContribute && !you.MayPerform)
        {
            may.Add("contribute comments and resources");
        }
        if (you.IsConsulted)
        {
            may.Add("answer the consultation you are sent before it completes");
        }
        var yours = may.Count > 0 ? $"you may {string.Join(", ", may)}" : "you may not act on it";
        if (you.IsInformed)
        {
            yours += "; you are notified when it happens";
        }
        return $"Under {row.Section} › {row.Table}, the row \"{row.Text}\" says: {RaciActivityView.PartyName(Party.Provider)} {Roles(row.Provider)}; "
            + $"{RaciActivityView.PartyName(Party.Client)} {Roles(row.Client)}. You act for {RaciActivityView.PartyName(you.Party)}: {yours}.";
    }

    private static string Roles(RaciLetters letters) => letters.IsEmpty
        ? "has no letter (empty cell)"
        : "is " + string.Join(" and ", letters.Letters.Select(l => l switch
        {
            RaciLetter.R => "responsible (R: performs it)",
            RaciLetter.A => "accountable (A: approves it)",
            RaciLetter.S => "support (S: contributes resources)",
            RaciLetter.C => "consulted (C: gives input before it completes)",
            RaciLetter.I => "informed (I: is notified)",
        }));
}
