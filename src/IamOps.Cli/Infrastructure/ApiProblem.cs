using System.Text.Json;
using System.Text.Json.Nodes;

namespace IamOps.Cli.Infrastructure;

/// <summary>Turns a failed API answer (RFC 9457 ProblemDetails, or anything else) into a <see cref="CliException"/> with the right exit code.</summary>
public static class ApiProblem
{
    /// <summary>What the failed request was signed in with, to give the right hint on a 401.</summary>
    public enum Credentials
    {
        None,
        Session,
        PersonalToken,
    }

    // The API's request fields (camelCase or as declared) under the option that sets them, so that a message names what was typed.
    private static readonly Dictionary<string, string> OptionNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["clientOrganisationId"] = "--client",
        ["activityKey"] = "--activity",
        ["title"] = "--title",
        ["description"] = "--description",
        ["text"] = "--text",
        ["report"] = "--report",
        ["reason"] = "--reason",
        ["amount"] = "--amount",
        ["currency"] = "--currency",
        ["status"] = "--status",
        ["page"] = "--page",
        ["pageSize"] = "--page-size",
    };

    public static async Task<CliException> ToExceptionAsync(HttpResponseMessage response, string? notFound, Credentials sent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        string? title = null;
        string? detail = null;
        var details = new List<string>();
        try
        {
            if (JsonNode.Parse(await response.Content.ReadAsStringAsync(ct)) is JsonObject problem)
            {
                title = problem["title"].TextOrNull();
                detail = problem["detail"].TextOrNull();
                if (problem["suggestions"] is JsonArray suggestions)
                {
                    // Close matches of a mistyped key, one a line so that they can be copied.
                    details.AddRange(suggestions.Select(s => $"did you mean: {s.Text()}"));
                }
                if (problem["errors"] is JsonObject errors)
                {
                    foreach (var (field, messages) in errors)
                    {
                        IEnumerable<JsonNode?> list = messages is JsonArray array ? array : [messages];
                        var name = OptionNames.GetValueOrDefault(field, field);
                        details.AddRange(list.Select(m => $"{name}: {m.Text()}"));
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not a ProblemDetails body (a proxy's HTML page, say): the status line says enough.
        }

        if (status == StatusCodes.NotFound && notFound is not null && title is null or "Not Found")
        {
            // A bare 404 is worded alike for unknown and foreign ids on purpose; the command can name what it asked for.
            // A 404 with a title of its own (an unknown activity, with suggestions) says more and is kept.
            detail = notFound;
        }
        title ??= response.ReasonPhrase ?? $"HTTP {status}";
        detail ??= status switch
        {
            StatusCodes.NotFound => notFound,
            StatusCodes.Unauthorized => "the server did not accept the credentials sent.",
            StatusCodes.Forbidden => "your organisation or role may not do this.",
            _ => null,
        };

        var exitCode = status switch
        {
            StatusCodes.Unauthorized or StatusCodes.Forbidden => ExitCodes.Unauthorised,
            StatusCodes.BadRequest or StatusCodes.UnprocessableContent => ExitCodes.Usage,
            _ => ExitCodes.Failure,
        };
        if (status == StatusCodes.Unauthorized && sent != Credentials.None)
        {
            details.Add(sent == Credentials.PersonalToken
                ? "hint: the server refused IAMOPS_TOKEN: it may be revoked or expired."
                : "hint: run `iamops login` to sign in.");
        }
        return new CliException(exitCode, detail is null ? title : $"{title}: {detail}", details);
    }

    private static class StatusCodes
    {
        public const int BadRequest = 400;
        public const int Unauthorized = 401;
        public const int Forbidden = 403;
        public const int NotFound = 404;
        public const int UnprocessableContent = 422;
    }
}
