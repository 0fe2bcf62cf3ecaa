using System.Globalization;
using Blux.Host.Errors;
using Blux.SharedKernel.Errors;

namespace Blux.Host.RateLimits;

/// <summary>
/// Spends one permit of the caller's budget per request and says where the budget stands on every
/// limited response; a request over budget is answered 429 here, before authorization and the
/// endpoint do any work. Runs after authentication, which tells an identity from an address.
/// </summary>
internal sealed class RateLimitMiddleware(RequestDelegate next, RateLimitPartitions partitions, RateLimitMetrics metrics, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (partitions.Limiter is not { } limiter || partitions.Resolve(context) is not { } partition)
        {
            await next(context);
            return;
        }

        using var lease = limiter.AttemptAcquire(partition);
        lease.TryGetMetadata(BudgetLimiter.State, out var state);
        WriteHeaders(context.Response.Headers, state!, clock.GetUtcNow());
        if (lease.IsAcquired)
        {
            await next(context);
            return;
        }

        metrics.Refused(partition.Policy, state!.RefusedBy!.Value);
        var perMinute = state.RefusedBy == BudgetWindow.Minute;
        var limit = perMinute ? state.Budget.PerMinute : state.Budget.PerSecond;
        await ErrorEnvelopeWriter.WriteAsync(
            context,
            ErrorCodes.RateLimitExceeded,
            $"Too many requests: the {partition.Policy} budget is {limit} a {(perMinute ? "minute" : "second")}.",
            new Dictionary<string, object?>
            {
                ["limit"] = limit,
                ["reset_in"] = BudgetState.Seconds(state.RetryAfter),
                ["window"] = perMinute ? "minute" : "second",
                ["policy"] = partition.Policy,
            },
            auditId: null);
    }

    private static void WriteHeaders(IHeaderDictionary headers, BudgetState state, DateTimeOffset now)
    {
        var minuteReset = BudgetState.Seconds(state.MinuteResetIn);
        var secondReset = BudgetState.Seconds(state.SecondResetIn);
        headers["X-RateLimit-Limit"] = state.Budget.PerMinute.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = state.MinuteRemaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = (now.ToUnixTimeSeconds() + minuteReset).ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Policy"] = string.Create(CultureInfo.InvariantCulture, $"\"minute\";q={state.Budget.PerMinute};w=60, \"burst\";q={state.Budget.PerSecond};w=1");
        headers["RateLimit"] = string.Create(CultureInfo.InvariantCulture, $"\"minute\";r={state.MinuteRemaining};t={minuteReset}, \"burst\";r={state.SecondRemaining};t={secondReset}");
    }
}
