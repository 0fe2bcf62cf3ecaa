using System.Collections.Concurrent;
using Blux.Modules.Reg.Domain;
using Blux.SharedKernel.Vocabulary;

namespace Blux.Modules.Reg.Security;

/// <summary>
/// The status of every identity, in memory, so that a token check costs a dictionary lookup and a
/// disabled identity's tokens stop working the moment the change is committed.
/// </summary>
internal sealed class IdentityDirectory
{
    private readonly ConcurrentDictionary<string, (IdentityKind Kind, bool Active)> _identities = new(StringComparer.Ordinal);

    /// <summary>Records an identity as stored: only <see cref="IdentityStatus.Active"/> counts as active.</summary>
    public void Set(string id, IdentityKind kind, IdentityStatus status) => _identities[id] = (kind, status == IdentityStatus.Active);

    public bool IsActive(string id) => _identities.TryGetValue(id, out var entry) && entry.Active;

    public string KindOf(string id) => WireName<IdentityKind>.Of(_identities.TryGetValue(id, out var entry) ? entry.Kind : IdentityKind.User);
}
