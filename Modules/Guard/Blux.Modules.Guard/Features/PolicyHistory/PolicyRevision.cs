using System.ComponentModel;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Blux.Modules.Guard.Features.PolicyHistory;

/// <summary>A doctrine that has been in force; its whole document only when it was asked for.</summary>
internal sealed record PolicyRevision(
    long DoctrineVersion,
    string Digest,
    DateTimeOffset AppliedAt,
    string AppliedBy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [property: Description("The doctrine document of this version; present with documents=true.")]
    JsonNode? Document = null);
