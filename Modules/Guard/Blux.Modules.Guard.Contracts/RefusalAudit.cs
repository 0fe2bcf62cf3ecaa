using System.Text.Json.Nodes;
using Blux.SharedKernel;
using Mediator;

namespace Blux.Modules.Guard.Contracts;

/// <summary>
/// The audit entry of a refused request, wherever it is refused: an <c>aud_err_…</c> id chosen up front,
/// the refusing service, who was refused and why. It is made durable before the refusal is answered, so
/// the id the error envelope names is a record that exists.
/// </summary>
public static class RefusalAudit
{
    public const string AuthFailedOperation = "auth.failed";

    public const string AccessDeniedOperation = "access.denied";

    /// <summary>A caller that could not be authenticated; status <c>failure</c>.</summary>
    public static AuditEntry AuthFailed(TimeProvider clock, string service, string identity, JsonObject data) =>
        Refused(clock, service, AuthFailedOperation, identity, AuditStatuses.Failure, data, null);

    /// <summary>An authenticated caller refused what it asked; status <c>denied</c>.</summary>
    public static AuditEntry AccessDenied(TimeProvider clock, string service, string identity, JsonObject data, string? inputHash = null) =>
        Denied(clock, service, AccessDeniedOperation, identity, data, inputHash);

    /// <summary>A refusal of its own kind (<c>signature.invalid</c>, <c>auth.lockout</c>); status <c>denied</c>.</summary>
    public static AuditEntry Denied(TimeProvider clock, string service, string operation, string identity, JsonObject data, string? inputHash = null) =>
        Refused(clock, service, operation, identity, AuditStatuses.Denied, data, inputHash);

    /// <summary>Appends the refusal and answers its id, for the envelope, once the record is durable.</summary>
    public static async Task<string> AppendRefusalAsync(this ISender sender, AuditEntry refusal, CancellationToken cancellationToken) =>
        (await sender.Send(new AppendAudit(refusal), cancellationToken)).AuditId;

    private static AuditEntry Refused(TimeProvider clock, string service, string operation, string identity, string status, JsonObject data, string? inputHash) =>
        new()
        {
            AuditId = BluxId.New(BluxId.AuditError, clock),
            Service = service,
            Operation = operation,
            Identity = identity,
            InputHash = inputHash,
            Status = status,
            Data = data,
        };
}
