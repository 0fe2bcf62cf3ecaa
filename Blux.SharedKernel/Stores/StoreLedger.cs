using System.Collections.Concurrent;

namespace Blux.SharedKernel.Stores;

/// <summary>
/// Since when each module's store is the one it is now: created, or accepted by an operator after it
/// was found damaged. The host fills it before any module starts; a module checking what it holds
/// against another module's store looks only at what both have held since then.
/// </summary>
public sealed class StoreLedger
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _since = new(StringComparer.Ordinal);

    public DateTimeOffset Since(string module) => _since.TryGetValue(module, out var since) ? since : DateTimeOffset.MinValue;

    public void Set(string module, DateTimeOffset since) => _since[module] = since;
}
