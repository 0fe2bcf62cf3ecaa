using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Blux.SharedKernel.Events;

namespace Blux.Modules.Guard.Doctrine;

/// <summary>The doctrine as data (docs/contract.md#doctrine), read strictly: unknown fields are refused.</summary>
internal sealed record DoctrineDocument
{
    public long DoctrineVersion { get; init; }

    public DateTimeOffset? EffectiveDate { get; init; }

    public DoctrineFlags Flags { get; init; } = new();

    public DoctrineConstraintsDocument Constraints { get; init; } = new();

    public int KeyRotationDays { get; init; } = 30;

    public Dictionary<string, List<string>> Roles { get; init; } = new(StringComparer.Ordinal);

    public List<DoctrineRule> Rules { get; init; } = [];

    [AllowedValues("allow", "deny", "require_approval")]
    public string DefaultEffect { get; init; } = "allow";
}

internal sealed record DoctrineFlags
{
    public bool RequireReflection { get; init; }

    public bool SandboxAllOperations { get; init; }

    public bool AuditAllRequests { get; init; }

    public bool ValidateAllSignatures { get; init; }

    public bool EncryptAllData { get; init; }

    /// <summary>
    /// An approver may not be the person a task was submitted for (its <c>context.user_id</c>), whichever
    /// identity submitted it; the submitter itself is never allowed to review, flag or not.
    /// </summary>
    public bool RequireIndependentApproval { get; init; }
}

internal sealed record DoctrineConstraintsDocument
{
    [Description("A duration such as 30s, 5m or 1h.")]
    public string MaxExecutionTime { get; init; } = "30s";

    public int MaxMemoryMb { get; init; } = 512;

    public List<string> AllowedDataSources { get; init; } = [];
}

internal sealed record DoctrineRule
{
    public string Id { get; init; } = string.Empty;

    public string? Description { get; init; }

    public DoctrineMatch Match { get; init; } = new();

    [AllowedValues("allow", "deny", "require_approval")]
    public string Effect { get; init; } = "allow";

    public DoctrineRequire? Require { get; init; }
}

internal sealed record DoctrineMatch
{
    public List<string>? TaskTypes { get; init; }

    public List<string>? Roles { get; init; }

    [AllowedValues("development", "staging", "production")]
    public List<string>? Environments { get; init; }

    [AllowedValues("low", "medium", "high", "critical")]
    public List<string>? Sensitivities { get; init; }
}

internal sealed record DoctrineRequire
{
    public bool? Reflection { get; init; }

    public bool? Sandbox { get; init; }

    public AuditLevel? AuditLevel { get; init; }

    public bool? Signature { get; init; }
}
