using Microsoft.AspNetCore.Http.HttpResults;

namespace Campaigns.Web.Api;

internal static class ApiProblems
{
    public static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);
}
