using Campaigns.Core.Common;
using Campaigns.Core.Import;
using Microsoft.AspNetCore.Diagnostics;

namespace Campaigns.Web.Api;

/// <summary>Turns the domain's exceptions into RFC 9457 problem details under /api; anything else is a 500 without internals.</summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!httpContext.Request.Path.StartsWithSegments("/api"))
        {
            return false;
        }

        var (status, title, detail) = exception switch
        {
            ValidationException e => (StatusCodes.Status400BadRequest, "The request is not valid", e.Message),
            BadHttpRequestException e => (StatusCodes.Status400BadRequest, "The request could not be read", e.Message),
            ImportFormatException e => (StatusCodes.Status400BadRequest, "The CSV could not be read", e.Message),
            NotFoundException e => (StatusCodes.Status404NotFound, "Not found", e.Message),
            ImportAlreadyRunningException e => (StatusCodes.Status409Conflict, "An import is already running", e.Message),
            _ => (StatusCodes.Status500InternalServerError, "Something went wrong", "The error was logged."),
        };
        if (status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "API request {Method} {Path} failed", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        if (exception is ValidationException { Field: { } field })
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [exception.Message] };
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
