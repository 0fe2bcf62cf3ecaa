using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Blux.Modules.Guard.Contracts;

namespace Blux.Modules.Guard.Features.DryRunValidate;

/// <summary>The answer of <c>POST /v1/validate</c>: the decision Guard would make now.</summary>
internal sealed record DryRunDecision(
    [property: AllowedValues(ValidationDecision.Allow, ValidationDecision.Deny, ValidationDecision.RequireApproval)] string Decision,
    IReadOnlyList<DecisionReason> Reasons,
    IReadOnlyList<string> DoctrineFlags,
    EffectiveRequirements EffectiveRequirements,
    DryRunConstraints Constraints,
    long DoctrineVersion,
    string DoctrineDigest,
    string DecisionId);

internal sealed record DryRunConstraints(
    [property: Description("The doctrine's max_execution_time, in seconds.")] double MaxExecutionTimeS,
    int MaxMemoryMb,
    IReadOnlyList<string> AllowedDataSources);
