using Blux.Modules.Guard.Contracts;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Modules;

namespace Blux.Modules.Guard.Doctrine;

/// <summary>
/// Applies a doctrine to a request. Every matching rule counts: a deny wins over require_approval,
/// which wins over allow; with no match the default effect applies. Requirements are the strictest
/// of the request, the flags and the matching rules, so a request can tighten them but never relax them.
/// </summary>
internal static class DoctrineEvaluator
{
    public static Evaluation Evaluate(
        LoadedDoctrine doctrine,
        IReadOnlyList<string> roles,
        string taskType,
        TaskContext context,
        DoctrineRequirements requested,
        string deploymentEnvironment = BluxEnvironments.Development)
    {
        var document = doctrine.Document;
        var matched = document.Rules.Where(rule => Matches(rule.Match, roles, taskType, context)).ToArray();
        var reasons = new List<DecisionReason>();
        var flags = new List<string>();

        var reflection = requested.RequireReflection || document.Flags.RequireReflection;
        var sandbox = requested.SandboxExecution || document.Flags.SandboxAllOperations;
        var auditLevel = document.Flags.AuditAllRequests ? Strictest(requested.AuditLevel, AuditLevel.Basic) : requested.AuditLevel;
        if (document.Flags.RequireReflection)
        {
            flags.Add("require_reflection");
        }

        if (document.Flags.SandboxAllOperations)
        {
            flags.Add("sandbox_all_operations");
        }

        if (document.Flags.AuditAllRequests)
        {
            flags.Add("audit_all_requests");
        }

        foreach (var rule in matched)
        {
            reasons.Add(new DecisionReason("rule_matched", rule.Description ?? $"Rule {rule.Id} matched.", rule.Id));
            if (rule.Require is { } require)
            {
                reflection |= require.Reflection == true;
                sandbox |= require.Sandbox == true;
                if (require.AuditLevel is { } required)
                {
                    auditLevel = Strictest(auditLevel, required);
                }
            }
        }

        // Signatures are required by the flag, in a production deployment, for high and critical
        // sensitivity, or by a matching rule (docs/contract.md#signed-requests).
        var signature = document.Flags.ValidateAllSignatures
            || deploymentEnvironment == BluxEnvironments.Production
            || context.Sensitivity is "high" or "critical"
            || matched.Any(r => r.Require?.Signature == true);

        var decision = matched.Any(r => r.Effect == ValidationDecision.Deny) ? ValidationDecision.Deny
            : matched.Any(r => r.Effect == ValidationDecision.RequireApproval) ? ValidationDecision.RequireApproval
            : matched.Length > 0 ? ValidationDecision.Allow
            : document.DefaultEffect;
        if (matched.Length == 0)
        {
            reasons.Add(new DecisionReason("default_effect", $"No rule matched; the doctrine's default effect is {document.DefaultEffect}.", null));
        }

        if (reflection)
        {
            flags.Add("reflection_required");
        }

        if (sandbox)
        {
            flags.Add("sandbox_required");
        }

        if (signature)
        {
            flags.Add("signature_required");
        }

        return new Evaluation(
            decision,
            reasons,
            flags,
            new EffectiveRequirements(reflection, sandbox, auditLevel),
            new DoctrineConstraints(doctrine.MaxExecutionTime, document.Constraints.MaxMemoryMb, document.Constraints.AllowedDataSources),
            signature);
    }

    /// <summary>Levels are ordered from least to most kept; the stricter of two is the one that keeps more.</summary>
    private static AuditLevel Strictest(AuditLevel a, AuditLevel b) => a > b ? a : b;

    private static bool Matches(DoctrineMatch match, IReadOnlyList<string> roles, string taskType, TaskContext context) =>
        Includes(match.TaskTypes, taskType)
        && (match.Roles is not { Count: > 0 } || match.Roles.Intersect(roles, StringComparer.Ordinal).Any())
        && Includes(match.Environments, context.Environment)
        && Includes(match.Sensitivities, context.Sensitivity);

    private static bool Includes(List<string>? values, string value) =>
        values is not { Count: > 0 } || values.Contains(value, StringComparer.Ordinal);
}

internal sealed record Evaluation(
    string Decision,
    IReadOnlyList<DecisionReason> Reasons,
    IReadOnlyList<string> DoctrineFlags,
    EffectiveRequirements Requirements,
    DoctrineConstraints Constraints,
    bool SignatureRequired);
