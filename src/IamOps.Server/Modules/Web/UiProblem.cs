using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IamOps.Server.Modules.Web;

/// <summary>A refusal as the UI shows it: what the API would answer (status, title, detail, field errors).</summary>
public sealed record UiProblem(int Status, string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>The problem a handler's result carries, or null when the result is a success.</summary>
    public static UiProblem? From(IResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status500InternalServerError;
        var details = result switch
        {
            ProblemHttpResult problem => problem.ProblemDetails,
            ValidationProblem validation => validation.ProblemDetails,
            IValueHttpResult { Value: ProblemDetails value } => value,
            _ => null,
        };
        status = details?.Status ?? status;
        if (status < 400)
        {
            return null;
        }
        var errors = (details as HttpValidationProblemDetails)?.Errors.ToDictionary() ?? [];
        return new UiProblem(status, details?.Title ?? DefaultTitle(status), details?.Detail ?? DefaultDetail(status), errors);
    }

    /// <summary>The DataAnnotations errors of a request record, keyed as the API names the fields; null when valid.</summary>
    public static UiProblem? Validate(object request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true))
        {
            return null;
        }
        var errors = results
            .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => (Field: CamelCase(m), Message: r.ErrorMessage ?? "Invalid value.")))
            .GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return new UiProblem(StatusCodes.Status400BadRequest, "One or more validation errors occurred.", "Correct the fields shown.", errors);
    }

    /// <summary>The messages for one field (as the API names it), joined; null when the field is fine.</summary>
    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>The messages not tied to one of the given fields.</summary>
    public IEnumerable<string> OtherErrors(params string[] shownFields) =>
        Errors.Where(e => !shownFields.Contains(e.Key, StringComparer.Ordinal)).SelectMany(e => e.Value);

    private static string CamelCase(string name) =>
        name.Length == 0 ? name : char.ToLower(name[0], CultureInfo.InvariantCulture) + name[1..];

    private static string DefaultTitle(int status) => status switch
    {
        StatusCodes.Status403Forbidden => "Forbidden",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status409Conflict => "Conflict",
        _ => "The operation failed",
    };

    private static string DefaultDetail(int status) => status switch
    {
        StatusCodes.Status404NotFound => "It does not exist or is not visible to you; reload the page.",
        _ => "Reload the page and try again.",
    };
}
