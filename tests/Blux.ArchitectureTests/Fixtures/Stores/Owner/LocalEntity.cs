using Blux.Modules.Guard.Contracts;

namespace Blux.ArchitectureTests.Fixtures.Stores.Owner;

/// <summary>An entity of the owner that points at another module's type.</summary>
internal sealed class LocalEntity
{
    public int Id { get; set; }

    public string AuditId { get; set; } = "";

    public AuditHistoryItem? Audit { get; set; }
}
