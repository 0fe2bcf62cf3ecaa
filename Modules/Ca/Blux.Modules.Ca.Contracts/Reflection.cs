namespace Blux.Modules.Ca.Contracts;

/// <summary>The note of SPEC §6: the seed's ReflectionNote fields plus risk, recommendation and factors.</summary>
public sealed record Reflection(
    string NoteId,
    string TaskId,
    string Insight,
    double Confidence,
    IReadOnlyList<string> RelatedAuditIds,
    string Risk,
    double RiskScore,
    string Recommendation,
    IReadOnlyList<ReflectionFactor> Factors,
    string Depth)
{
    public const string Proceed = "proceed";
    public const string Sandbox = "sandbox";
    public const string RequireApproval = "require_approval";
    public const string Deny = "deny";
}

public sealed record ReflectionFactor(string Name, double Value, double Weight, string Explanation);
