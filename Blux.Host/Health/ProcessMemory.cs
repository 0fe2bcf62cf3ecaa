using System.Diagnostics;

namespace Blux.Host.Health;

/// <summary>The process's memory as the runtime sees it, for <c>/status/detailed</c> and <c>/metrics</c>.</summary>
internal static class ProcessMemory
{
    public static IReadOnlyDictionary<string, long> Read()
    {
        var gc = GC.GetGCMemoryInfo();
        using var process = Process.GetCurrentProcess();
        return new Dictionary<string, long>
        {
            ["working_set_bytes"] = process.WorkingSet64,
            ["gc_heap_bytes"] = gc.HeapSizeBytes,
            ["gc_committed_bytes"] = gc.TotalCommittedBytes,
            ["gc_fragmented_bytes"] = gc.FragmentedBytes,
            ["gc_gen2_collections"] = GC.CollectionCount(2),
        };
    }
}
