using System.Text.Json.Nodes;
using Blux.SharedKernel.Events;
using Mediator;

namespace Blux.Modules.Guard.Contracts;

/// <summary>
/// Appends one record to the signed audit chain and answers once it is durable. Throws a 503
/// <c>SERVICE_UNAVAILABLE</c> when it cannot be made durable: callers must then not report success.
/// </summary>
public sealed record AppendAudit(AuditEntry Entry) : IRequest<AuditReceipt>;

/// <summary>What a module asks Guard to record; Guard adds order, chain hashes, key and signature.</summary>
public sealed record AuditEntry
{
    /// <summary>A pre-assigned id, so events can name their record before it is written.</summary>
    public string? AuditId { get; init; }

    public required string Service { get; init; }

    public required string Operation { get; init; }

    public required string Identity { get; init; }

    public string? InputHash { get; init; }

    public string? OutputHash { get; init; }

    public IReadOnlyList<string> DoctrineFlagsApplied { get; init; } = [];

    public IReadOnlyList<string> RelatedEvents { get; init; } = [];

    public required string Status { get; init; }

    public long DurationMs { get; init; }

    /// <summary>Extras; Guard redacts sensitive keys and keeps what <see cref="AuditLevel"/> allows.</summary>
    public JsonObject? Data { get; init; }

    public AuditLevel AuditLevel { get; init; } = AuditLevel.Basic;
}

public sealed record AuditReceipt(string AuditId, long Seq, string RecordHash, string Signature);
