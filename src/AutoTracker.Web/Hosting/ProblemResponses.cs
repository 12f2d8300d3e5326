using Microsoft.AspNetCore.Mvc;

namespace AutoTracker.Hosting;

public static class ProblemResponses
{
    /// <summary>Sets the status code and writes <paramref name="problem"/> as RFC 9457 problem details.</summary>
    public static ValueTask WriteProblemAsync(this HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
