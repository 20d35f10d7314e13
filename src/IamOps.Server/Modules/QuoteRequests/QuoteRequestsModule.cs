namespace IamOps.Server.Modules.QuoteRequests;

public static class QuoteRequestsModule
{
    public static IServiceCollection AddQuoteRequests(this IServiceCollection services)
    {
        services.AddScoped<QuoteRequestDesk>();
        return services;
    }

    public static void MapQuoteRequests(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/quote-requests").WithTags("Quote requests").RequireAuthorization();
        ListQuoteRequests.Map(group);
        GetQuoteRequest.Map(group);
        CreateQuoteRequest.Map(group);
        SubmitQuote.Map(group);
        DecideQuote.Map(group);
    }

    public static string Location(Guid id) => $"/api/v1/quote-requests/{id}";
}
