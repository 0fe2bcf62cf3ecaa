namespace Blux.SharedKernel.Errors;

/// <summary><c>{"error":{"code","message","details","audit_id","timestamp"}}</c>, the seed's envelope.</summary>
public sealed record ErrorEnvelope(ErrorBody Error);

public sealed record ErrorBody(
    string Code,
    string Message,
    IReadOnlyDictionary<string, object?> Details,
    string? AuditId,
    string Timestamp);
