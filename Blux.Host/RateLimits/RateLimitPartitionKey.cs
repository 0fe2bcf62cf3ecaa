namespace Blux.Host.RateLimits;

/// <summary>Whose budget a request spends: <c>user:alice</c>, <c>service:ingest</c> or <c>address:203.0.113.7</c>.</summary>
internal sealed record RateLimitPartitionKey(string Key, string Policy, RateLimitBudget Budget);
