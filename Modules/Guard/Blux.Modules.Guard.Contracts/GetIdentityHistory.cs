using Mediator;

namespace Blux.Modules.Guard.Contracts;

/// <summary>The most recent audit records of one identity, newest first, for reflection.</summary>
public sealed record GetIdentityHistory(string Identity, int Limit) : IRequest<IReadOnlyList<AuditHistoryItem>>;

public sealed record AuditHistoryItem(string AuditId, long Seq, DateTimeOffset Timestamp, string Operation, string Status, string? TaskType);
