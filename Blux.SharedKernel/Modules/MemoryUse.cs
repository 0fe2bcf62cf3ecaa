namespace Blux.SharedKernel.Modules;

/// <summary>How a module reports an in-memory structure in <c>/status/detailed</c> (and the host in <c>/metrics</c>).</summary>
public static class MemoryUse
{
    /// <param name="maxBytes">The structure's budget, or null when it is bounded by something else (requests, workers, rows).</param>
    public static IReadOnlyDictionary<string, object?> Of(long entries, long estimatedBytes, long? maxBytes) => new Dictionary<string, object?>
    {
        ["entries"] = entries,
        ["estimated_bytes"] = estimatedBytes,
        ["max_bytes"] = maxBytes,
    };
}
