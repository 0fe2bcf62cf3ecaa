using Blux.SharedKernel.Events;

namespace Blux.Modules.Guard.Contracts;

public sealed record ValidationDecision(
    string Decision,
    IReadOnlyList<DecisionReason> Reasons,
    IReadOnlyList<string> DoctrineFlags,
    EffectiveRequirements EffectiveRequirements,
    DoctrineConstraints Constraints,
    long DoctrineVersion,
    string DoctrineDigest,
    string DecisionId)
{
    public const string Allow = "allow";
    public const string Deny = "deny";
    public const string RequireApproval = "require_approval";
}

public sealed record DecisionReason(string Code, string Message, string? RuleId);

public sealed record EffectiveRequirements(bool RequireReflection, bool SandboxExecution, AuditLevel AuditLevel);

public sealed record DoctrineConstraints(TimeSpan MaxExecutionTime, int MaxMemoryMb, IReadOnlyList<string> AllowedDataSources);
