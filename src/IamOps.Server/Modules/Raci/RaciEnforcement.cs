using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IamOps.Server.Modules.Raci;

/// <summary>What a caller wants to do with an activity, and the letter that lets it.</summary>
public enum RaciDuty
{
    /// <summary>Carry the activity out: R.</summary>
    Perform,

    /// <summary>Approve the outcome: A.</summary>
    Approve,

    /// <summary>Add comments or resources, be assigned as helper: S or R.</summary>
    Contribute,

    /// <summary>Answer a consultation request: C.</summary>
    RespondToConsultation,
}

/// <summary>The caller's party must hold the duty's letter on the activity's row of the contract concerned.</summary>
public sealed record RaciRequirement(string ActivityKey, RaciDuty Duty) : IAuthorizationRequirement;

/// <summary>The client (or contract) whose matrix decides, for checks made by <see cref="RaciGate"/>.</summary>
public sealed class RaciSubject(Guid? clientOrganisationId, Guid? contractId = null)
{
    public Guid? ClientOrganisationId { get; } = clientOrganisationId;

    public Guid? ContractId { get; } = contractId;

    /// <summary>The decision, filled in by the RACI authorization handler.</summary>
    public RaciEvaluation? Evaluation { get; internal set; }
}

/// <summary>The RACI decision for one caller, activity and duty, with the row it rests on.</summary>
public sealed record RaciEvaluation(bool Allowed, string ActivityKey, RaciDuty Duty, RaciActivityView? Activity, string Detail)
{
    public static IReadOnlyList<RaciLetter> LettersFor(RaciDuty duty) => duty switch
    {
        RaciDuty.Perform => [RaciLetter.R],
        RaciDuty.Approve => [RaciLetter.A],
        RaciDuty.Contribute => [RaciLetter.S, RaciLetter.R],
        RaciDuty.RespondToConsultation => [RaciLetter.C],
    };

    public static string Verb(RaciDuty duty) => duty switch
    {
        RaciDuty.Perform => "perform",
        RaciDuty.Approve => "approve",
        RaciDuty.Contribute => "contribute to",
        RaciDuty.RespondToConsultation => "answer a consultation on",
    };

    /// <summary>Decides from the row alone: the party must hold one of the duty's letters; client viewers are read-only.</summary>
    public static RaciEvaluation Evaluate(RaciActivityView? activity, string activityKey, RaciDuty duty, Party? party, string? role)
    {
        var letters = LettersFor(duty);
        var verb = Verb(duty);
        if (activity is null)
        {
            return new(false, activityKey, duty, null,
                $"Activity '{activityKey}' is not in the RACI matrix of this contract, so nobody may {verb} it as contracted work; "
                + "work that no row covers requires a quote (POST /api/v1/quote-requests).");
        }
        var holders = activity.PartiesWith(letters[0]).Union(letters.Skip(1).SelectMany(activity.PartiesWith)).ToList();
        var needed = string.Join(" or ", letters);
        if (party is not { } caller)
        {
            return new(false, activityKey, duty, activity, $"{activity.Citation}: sign in as a user of a party holding {needed}.");
        }
        if (caller == Party.Client && role == Roles.ClientViewer)
        {
            return new(false, activityKey, duty, activity,
                $"{activity.Citation}: the viewer role is read-only; ask an admin or contact of your organisation to {verb} it.");
        }
        if (holders.Contains(caller))
        {
            return new(true, activityKey, duty, activity, $"{activity.Citation}: {RaciActivityView.PartyName(caller)} may {verb} it.");
        }
        var mine = activity.LettersOf(caller);
        var who = holders.Count == 0
            ? $"no party holds {needed} on this row, so nobody may {verb} it until a provider manager changes the contract's letters"
            : $"only {string.Join(" and ", holders.Select(RaciActivityView.PartyName))}, holding {needed}, may {verb} it";
        return new(false, activityKey, duty, activity,
            $"{activity.Citation}: {who}; you act for {RaciActivityView.PartyName(caller)}, which holds {(mine.IsEmpty ? "no letter" : mine.ToCell())} here.");
    }

    /// <summary>The 403 answer citing the row.</summary>
    public ProblemDetails ToProblemDetails()
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "Not allowed by the contract's RACI matrix",
            Detail = Detail,
        };
        problem.Extensions["activityKey"] = ActivityKey;
        problem.Extensions["duty"] = Duty.ToString();
        problem.Extensions["requiredLetters"] = LettersFor(Duty).Select(l => l.ToString()).ToArray();
        if (Activity is { } a)
        {
            problem.Extensions["activity"] = new RaciActivityDto(a.Key, a.Section, a.Table, a.Text, a.Provider.ToString(), a.Client.ToString(),
                a.ProviderCell, a.ClientCell);
            problem.Extensions["allowedParties"] = LettersFor(Duty).SelectMany(a.PartiesWith).Distinct().Select(p => p.ToString()).ToArray();
        }
        return problem;
    }

    public Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult ToProblem() => TypedResults.Problem(ToProblemDetails());
}

/// <summary>Carries the RACI decision to the 403 answer.</summary>
public sealed class RaciFailureReason(IAuthorizationHandler handler, RaciEvaluation evaluation)
    : AuthorizationFailureReason(handler, evaluation.Detail)
{
    public RaciEvaluation Evaluation { get; } = evaluation;
}

/// <summary>Marks an endpoint with the activity it performs (read by OpenAPI and tooling).</summary>
public sealed record RaciActivityMetadata(string ActivityKey, RaciDuty Duty);

public static class RaciEndpointConventions
{
    /// <summary>Declares the activity a route performs: only a party holding the duty's letter passes; others get a 403 citing the row.</summary>
    /// <remarks>The client concerned is the caller's own organisation, or for the provider the route or query value
    /// <c>contractId</c>, <c>clientOrganisationId</c> or <c>clientId</c>; without one the default catalogue decides.</remarks>
    public static TBuilder RequiresRaci<TBuilder>(this TBuilder builder, string activityKey, RaciDuty duty)
        where TBuilder : IEndpointConventionBuilder
    {
        if (RaciCatalogue.Default.All(a => a.Key != activityKey))
        {
            throw new ArgumentException($"'{activityKey}' is not a key of the default RACI catalogue; see RaciActivities.", nameof(activityKey));
        }
        var policy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new RaciRequirement(activityKey, duty)).Build();
        return builder.RequireAuthorization(policy).WithMetadata(new RaciActivityMetadata(activityKey, duty));
    }
}
