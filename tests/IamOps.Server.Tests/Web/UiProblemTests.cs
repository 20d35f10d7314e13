using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.QuoteRequests;
using IamOps.Server.Modules.Web;
using Microsoft.AspNetCore.Http;

namespace IamOps.Server.Tests.Web;

public sealed class UiProblemTests
{
    [Fact]
    public void A_conflict_keeps_the_apis_detail_naming_the_allowed_transitions()
    {
        var result = TypedResults.Conflict(WorkflowProblems.TransitionNotAllowed("Quote request 1", "quoted", "quote", ["accept", "refuse"]));

        var problem = UiProblem.From(result);

        Assert.NotNull(problem);
        Assert.Equal(409, problem.Status);
        Assert.Equal("Not allowed in the current state", problem.Title);
        Assert.EndsWith("Allowed now: accept, refuse.", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_validation_problem_names_its_fields_and_a_bare_not_found_says_what_to_do()
    {
        var validation = UiProblem.From(TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Say why."] }));
        var notFound = UiProblem.From(TypedResults.NotFound());

        Assert.Equal(400, validation?.Status);
        Assert.Equal("Say why.", validation?.ErrorFor("reason"));
        Assert.Null(validation?.ErrorFor("text"));
        Assert.Equal(404, notFound?.Status);
        Assert.Contains("not visible to you", notFound?.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_success_is_no_problem() =>
        Assert.Null(UiProblem.From(TypedResults.Ok("fine")));

    [Fact]
    public void A_request_record_is_checked_against_its_annotations_with_the_fields_named_as_the_api_names_them()
    {
        var problem = UiProblem.Validate(new SubmitQuoteRequest(0m, "euro", ""));

        Assert.NotNull(problem);
        Assert.Equal("amount must be between 0.01 and 1,000,000,000.", problem.ErrorFor("amount"));
        Assert.Equal("currency is an ISO 4217 code such as EUR.", problem.ErrorFor("currency"));
        Assert.NotNull(problem.ErrorFor("text"));
        Assert.Null(UiProblem.Validate(new SubmitQuoteRequest(10m, "EUR", "Two days.")));
    }

    [Theory]
    [InlineData("/api/v1/interventions/01964a6e-0000-7000-8000-000000000001", "/interventions/01964a6e-0000-7000-8000-000000000001")]
    [InlineData("/api/v1/quote-requests/01964a6e-0000-7000-8000-000000000002", "/quotes/01964a6e-0000-7000-8000-000000000002")]
    [InlineData("/api/v1/clusters/01964a6e-0000-7000-8000-000000000003/configuration/drifts/01964a6e-0000-7000-8000-000000000004", "/clusters/01964a6e-0000-7000-8000-000000000003/configuration")]
    [InlineData("/api/v1/clusters/01964a6e-0000-7000-8000-000000000003/inventory/01964a6e-0000-7000-8000-000000000005", "/clusters/01964a6e-0000-7000-8000-000000000003/inventory")]
    [InlineData("/api/v1/interventions/not-an-id", null)]
    [InlineData("/api/v1/audit-trail", null)]
    [InlineData(null, null)]
    public void Notification_links_to_api_paths_open_the_page_that_shows_the_thing(string? api, string? page) =>
        Assert.Equal(page, UiLinks.FromApi(api));

    [Fact]
    public void Amounts_are_written_with_their_currency() =>
        Assert.Equal("1,250.00 EUR", UiFormat.Money(1250m, "EUR"));
}
