using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Platform;

/// <summary>Turns exceptions into RFC 9457 ProblemDetails: bad JSON names the field, the unexpected is a 500 with a trace id and no stack.</summary>
internal sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, errors) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => (400, "The request body is not valid JSON for this operation",
                json.Message, FieldErrors(json)),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message, null),
            DbUpdateConcurrencyException => (409, "Concurrent update",
                "The resource was changed by someone else meanwhile: read it again and retry.", null),
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

    private static Dictionary<string, string[]> FieldErrors(JsonException json)
    {
        var path = json.Path is { Length: > 0 } p ? p.TrimStart('$', '.') : "body";
        if (path.Length == 0)
        {
            path = "body";
        }
        return new Dictionary<string, string[]> { [path] = [json.Message] };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception (trace {TraceId})")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string traceId);
}
