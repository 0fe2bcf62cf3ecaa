using Blux.Modules.Ca.Contracts;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Routes;
using Blux.SharedKernel.Events;

namespace Blux.Modules.Lite.Execution;

/// <summary>
/// Applies doctrine and reflection to a request: the strictest of the two wins. A task that needs a
/// sandbox never reaches an unsandboxed route; a deny from either rejects it; a require_approval from
/// either holds it for a person.
/// </summary>
internal static class TaskOutcomePlanner
{
    /// <param name="decision">Guard's doctrine decision.</param>
    /// <param name="reflection">Ca's note, when reflection was required.</param>
    /// <param name="route">The route serving the task type.</param>
    /// <param name="constraintDenial">Why the doctrine's constraints forbid the payload (from the route), or null.</param>
    public static PlannedOutcome Plan(ValidationDecision decision, Reflection? reflection, ITaskRoute route, string? constraintDenial = null)
    {
        var effective = decision.EffectiveRequirements;
        var sandbox = effective.SandboxExecution || reflection?.Recommendation == Reflection.Sandbox;
        var requirements = new DoctrineRequirements(effective.RequireReflection, sandbox, effective.AuditLevel);
        var flags = decision.DoctrineFlags.ToList();
        var reasons = decision.Reasons.Select(r => r.Message).ToList();
        if (reflection is not null)
        {
            flags.Add("reflection_used");
            reasons.Add($"Reflection: {reflection.Insight}");
        }

        if (route.Sandboxed)
        {
            flags.Add("sandboxed");
        }

        var doctrineText = $"doctrine v{decision.DoctrineVersion} says {decision.Decision}";
        var reflectionText = reflection is null ? "no reflection" : $"reflection risk {reflection.Risk} recommends {reflection.Recommendation}";

        string status;
        string rationale;
        if (decision.Decision == ValidationDecision.Deny)
        {
            status = TaskStatuses.Rejected;
            rationale = $"Denied: {doctrineText} ({string.Join("; ", decision.Reasons.Select(r => r.RuleId ?? r.Code))}).";
        }
        else if (constraintDenial is not null)
        {
            status = TaskStatuses.Rejected;
            rationale = $"Denied: {constraintDenial}";
            reasons.Add(constraintDenial);
        }
        else if (reflection?.Recommendation == Reflection.Deny)
        {
            status = TaskStatuses.Rejected;
            rationale = $"Denied: {reflectionText}.";
        }
        else if (sandbox && !route.Sandboxed)
        {
            status = TaskStatuses.Rejected;
            rationale = $"Denied: a sandbox is required and route {route.Name} is not sandboxed.";
            reasons.Add(rationale);
        }
        else
        {
            var held = decision.Decision == ValidationDecision.RequireApproval || reflection?.Recommendation == Reflection.RequireApproval;
            status = held ? TaskStatuses.AwaitingApproval : TaskStatuses.Queued;
            rationale = $"Route {route.Name} serves this task type{(route.Sandboxed ? " in a sandbox" : string.Empty)}; {doctrineText}; {reflectionText}" +
                (held ? "; held for approval." : ".");
        }

        return new PlannedOutcome(status, route.Name, rationale, flags.Distinct().ToArray(), reasons, requirements);
    }
}

internal sealed record PlannedOutcome(
    string Status,
    string Route,
    string Rationale,
    IReadOnlyList<string> Flags,
    IReadOnlyList<string> Reasons,
    DoctrineRequirements Requirements);
