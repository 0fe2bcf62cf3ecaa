using System.Threading.RateLimiting;
using Blux.SharedKernel.Identity;
using Microsoft.Extensions.Options;

namespace Blux.Host.RateLimits;

/// <summary>The partitioned limiter (one <see cref="BudgetLimiter"/> per identity or address) and who falls in which partition.</summary>
internal sealed class RateLimitPartitions : IDisposable
{
    private readonly RateLimitOptions _options;

    public RateLimitPartitions(IOptions<RateLimitOptions> options, TimeProvider clock)
    {
        _options = options.Value;
        if (_options.Enabled)
        {
            Limiter = PartitionedRateLimiter.Create<RateLimitPartitionKey, string>(partition =>
                RateLimitPartition.Get(partition.Key, _ => new BudgetLimiter(partition.Budget, clock)));
        }
    }

    /// <summary>Null when limits are switched off.</summary>
    public PartitionedRateLimiter<RateLimitPartitionKey>? Limiter { get; }

    /// <summary>
    /// An authenticated caller spends its identity's budget, by kind; a request under <c>/v1</c>
    /// without a valid token (asking for one, or guessing) spends its client address's. Probes,
    /// JWKS and the OpenAPI document are not limited.
    /// </summary>
    public RateLimitPartitionKey? Resolve(HttpContext context)
    {
        if (Caller.FromPrincipal(context.User) is { } caller)
        {
            return caller.Kind == "service"
                ? new RateLimitPartitionKey("service:" + caller.IdentityId, "services", _options.Services)
                : new RateLimitPartitionKey("user:" + caller.IdentityId, "users", _options.Users);
        }

        if (!context.Request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return new RateLimitPartitionKey("address:" + address, "anonymous", _options.Anonymous);
    }

    public void Dispose() => Limiter?.Dispose();
}
