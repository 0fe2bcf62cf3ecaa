namespace Blux.Modules.Guard.Features.PolicyHistory;

internal sealed record PolicyHistory(IReadOnlyList<PolicyRevision> Entries);
