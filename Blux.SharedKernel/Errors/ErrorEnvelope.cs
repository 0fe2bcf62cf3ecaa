using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Blux.SharedKernel.Errors;

/// <summary><c>{"error":{"code","message","details","audit_id","timestamp"}}</c> (docs/contract.md#error-envelope).</summary>
public sealed record ErrorEnvelope(ErrorBody Error);

public sealed record ErrorBody(
    [property: AllowedValues(
        ErrorCodes.ValidationFailed, ErrorCodes.Unauthorized, ErrorCodes.Forbidden, ErrorCodes.NotFound, ErrorCodes.Conflict,
        ErrorCodes.PayloadTooLarge, ErrorCodes.RateLimitExceeded, ErrorCodes.InternalError, ErrorCodes.ServiceUnavailable)]
    string Code,
    [property: Description("What went wrong, for a person.")] string Message,
    [property: Description("The field and the issue, and what else helps: {\"field\":\"signature\",\"issue\":\"expired_timestamp\",\"expected_format\":\"…\"}.")]
    IReadOnlyDictionary<string, object?> Details,
    [property: Description("The audit record of the refusal (aud_err_…) when it was audited; null otherwise.")] string? AuditId,
    [property: DataType(DataType.DateTime)] string Timestamp);
