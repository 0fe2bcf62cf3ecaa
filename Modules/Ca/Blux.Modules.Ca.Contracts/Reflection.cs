using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Blux.Modules.Ca.Contracts;

/// <summary>The note of docs/contract.md#reflection: the ReflectionNote event's fields plus risk, recommendation and factors.</summary>
public sealed record Reflection(
    string NoteId,
    string TaskId,
    [property: Description("The note in a sentence: the risk, the recommendation and what drove them.")] string Insight,
    [property: Description("From 0 to 1; grows with the evidence available.")] double Confidence,
    [property: Description("The history records that moved the result.")] IReadOnlyList<string> RelatedAuditIds,
    [property: AllowedValues("low", "medium", "high", "critical")] string Risk,
    [property: Description("The weighted sum of the factors, from 0 to 1.")] double RiskScore,
    [property: AllowedValues("proceed", "sandbox", "require_approval", "deny")] string Recommendation,
    IReadOnlyList<ReflectionFactor> Factors,
    [property: AllowedValues(Reflect.Medium, Reflect.Deep)] string Depth)
{
    public const string Proceed = "proceed";
    public const string Sandbox = "sandbox";
    public const string RequireApproval = "require_approval";
    public const string Deny = "deny";
}

public sealed record ReflectionFactor(
    [property: Description("payload_complexity, sensitivity, environment, recent_failures, novelty, rate_anomaly.")] string Name,
    double Value,
    double Weight,
    string Explanation);
