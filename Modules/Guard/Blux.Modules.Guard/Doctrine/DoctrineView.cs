using System.ComponentModel;

namespace Blux.Modules.Guard.Doctrine;

/// <summary>The shape of the doctrine as <c>GET /v1/policies</c> answers it: the document and its digest.</summary>
internal sealed record DoctrineView(
    long DoctrineVersion,
    DateTimeOffset? EffectiveDate,
    DoctrineFlags Flags,
    DoctrineConstraintsDocument Constraints,
    int KeyRotationDays,
    Dictionary<string, List<string>> Roles,
    List<DoctrineRule> Rules,
    [property: System.ComponentModel.DataAnnotations.AllowedValues("allow", "deny", "require_approval")] string DefaultEffect,
    [property: Description("sha256-<hex> of the RFC 8785 form of the doctrine.")] string Digest);
