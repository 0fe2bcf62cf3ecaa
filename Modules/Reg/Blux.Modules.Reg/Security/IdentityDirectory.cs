using System.Collections.Concurrent;

namespace Blux.Modules.Reg.Security;

/// <summary>
/// The status of every identity, in memory, so that a token check costs a dictionary lookup and a
/// disabled identity's tokens stop working the moment the change is committed.
/// </summary>
internal sealed class IdentityDirectory
{
    private readonly ConcurrentDictionary<string, (string Kind, bool Active)> _identities = new(StringComparer.Ordinal);

    public void Set(string id, string kind, bool active) => _identities[id] = (kind, active);

    public bool IsActive(string id) => _identities.TryGetValue(id, out var entry) && entry.Active;

    public string KindOf(string id) => _identities.TryGetValue(id, out var entry) ? entry.Kind : "user";
}
