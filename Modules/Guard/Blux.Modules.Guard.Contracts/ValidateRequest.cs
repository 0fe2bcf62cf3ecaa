using System.Text.Json.Nodes;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Identity;
using Mediator;

namespace Blux.Modules.Guard.Contracts;

/// <summary>
/// Guard's decision on a task request: scope, request signature where required, freshness, replay,
/// then doctrine (docs/contract.md#request-validation). The token itself was checked by Reg when the request was authenticated.
/// A dry run decides the same way but remembers nothing and audits nothing.
/// </summary>
public sealed record ValidateRequest(
    Caller Caller,
    string RequiredScope,
    string TaskId,
    string TaskType,
    TaskContext Context,
    DoctrineRequirements Requested,
    JsonObject Request,
    DateTimeOffset? Timestamp,
    bool DryRun = false) : IRequest<ValidationDecision>;
