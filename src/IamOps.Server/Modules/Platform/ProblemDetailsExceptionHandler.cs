using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IamOps.Server.Modules.Platform;

/// <summary>Turns exceptions into RFC 9457 ProblemDetails: bad input names the field, a unique-key race is a 409,
/// the unexpected is a 500 with a trace id and no stack.</summary>
internal sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The exception handler middleware clears the request's endpoint before handlers run; the feature keeps it.
        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
        var (status, title, detail, errors) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => JsonProblem(json, endpoint),
            BadHttpRequestException bad => BindingProblem(bad, endpoint),
            DbUpdateConcurrencyException => (409, "Concurrent update",
                "The resource was changed by someone else meanwhile: read it again and retry.", null),
            DbUpdateException db when IsUniqueViolation(db) => (409, "Conflict",
                "Another resource already uses one of these unique values (possibly created at the same moment): read the current state and retry with other values.", null),
            DbUpdateException db when IsValueTooLong(db) => (400, "A value is too long",
                "A text value is longer than its field allows: shorten it and retry.", Errors("body", "A text value is longer than its field allows.")),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Request cancelled", null, null),
            _ => (500, "An unexpected error occurred", "The error was logged; quote the trace id when reporting it.", null),
        };

        if (status >= 500)
        {
            LogUnhandled(logger, exception, httpContext.TraceIdentifier);
        }

        httpContext.Response.StatusCode = status;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static (int, string, string?, Dictionary<string, string[]>?) JsonProblem(JsonException json, Endpoint? endpoint)
    {
        const string title = "The request body is not valid for this operation";
        if (json.Message.Contains("missing required properties", StringComparison.Ordinal))
        {
            var names = MissingNames(json.Message);
            return (400, title, $"Required fields are missing: {string.Join(", ", names)}.",
                names.ToDictionary(n => n, n => new[] { $"'{n}' is required." }));
        }

        var field = FieldOf(json.Path);
        if (json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            var requestType = endpoint?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType;
            var message = $"'{field}' must be {JsonFieldTypes.Expected(requestType, field)}.";
            return (400, title, message, Errors(field, message));
        }

        var syntax = $"The body is not well-formed JSON near '{field}' (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1}).";
        return (400, "The request body is not well-formed JSON", syntax, Errors(field, syntax));
    }

    private static (int, string, string?, Dictionary<string, string[]>?) BindingProblem(BadHttpRequestException bad, Endpoint? endpoint)
    {
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return (415, "Unsupported media type", "Send the request body as application/json.", null);
        }
        if (bad.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal)
            || bad.Message.Contains("request body was empty", StringComparison.OrdinalIgnoreCase))
        {
            return (400, "A request body is required", "Send a JSON body.", Errors("body", "A JSON body is required."));
        }

        var match = ParameterPattern().Match(bad.Message);
        if (!match.Success)
        {
            return (bad.StatusCode, "Bad request", bad.Message, null);
        }
        var name = match.Groups["decl"].Value.Split(' ')[^1];
        var parameterType = endpoint?.Metadata.GetMetadata<MethodInfo>()?.GetParameters()
            .FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.ParameterType;
        var message = bad.Message.StartsWith("Required parameter", StringComparison.Ordinal)
            ? $"'{name}' is required."
            : $"'{name}' must be {(parameterType is null ? "a valid value" : JsonFieldTypes.Describe(parameterType))}.";
        return (bad.StatusCode, "Bad request", message, Errors(name, message));
    }

    private static Dictionary<string, string[]> Errors(string field, string message) => new() { [field] = [message] };

    private static string FieldOf(string? path)
    {
        var field = path is { Length: > 0 } p ? p.TrimStart('$', '.') : string.Empty;
        return field.Length == 0 ? "body" : field;
    }

    private static List<string> MissingNames(string message)
    {
        var at = message.IndexOf("including:", StringComparison.Ordinal);
        var names = QuotedName().Matches(at < 0 ? message : message[at..]).Select(m => m.Groups[1].Value).ToList();
        return names.Count == 0 ? ["body"] : names;
    }

    private static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };

    private static bool IsValueTooLong(DbUpdateException e) =>
        e.InnerException is PostgresException { SqlState: PostgresErrorCodes.StringDataRightTruncation };

    [GeneratedRegex("parameter \"(?<decl>[^\"]+)\"")]
    private static partial Regex ParameterPattern();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedName();

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception (trace {TraceId})")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string traceId);
}
