using System.Net;
using System.Net.Http.Headers;

namespace Blux.Cli.Http;

/// <summary>
/// When to try a request again: on 429 and 503 only (Blux did nothing: rate limited, or failing
/// closed), after the server's <c>Retry-After</c> when it sends one, otherwise after an exponential
/// backoff with full jitter (a random delay up to base × 2^attempt), so that many clients do not
/// come back at the same moment.
/// </summary>
internal sealed class RetryPolicy(int retries, Random random)
{
    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>A server's Retry-After is honoured up to this; a longer one is cut so that a command never waits for minutes.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    public int Retries { get; } = retries;

    public static bool IsRetryable(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;

    /// <summary>The wait before retry number <paramref name="retry"/> (1-based).</summary>
    public TimeSpan Delay(int retry, RetryConditionHeaderValue? retryAfter, DateTimeOffset now)
    {
        if (retryAfter?.Delta is { } delta)
        {
            return Clamp(delta, MaxRetryAfter);
        }

        if (retryAfter?.Date is { } date)
        {
            return Clamp(date - now, MaxRetryAfter);
        }

        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, retry - 1));
        return TimeSpan.FromMilliseconds(random.NextDouble() * ceiling);
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan max) => value < TimeSpan.Zero ? TimeSpan.Zero : value > max ? max : value;
}
