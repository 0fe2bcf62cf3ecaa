using System.Text.Json.Serialization;
using Blux.SharedKernel.Vocabulary;

namespace Blux.SharedKernel.Events;

/// <summary>
/// How much of a request an audit record keeps in <c>data</c>, from least to most. The order is the
/// rank: of two levels the stricter is the larger member. Named on the wire <c>none</c>, <c>basic</c>,
/// <c>detailed</c>, <c>verbose</c> (<see cref="WireName{TEnum}"/>).
/// </summary>
[JsonConverter(typeof(WireNameJsonConverter<AuditLevel>))]
public enum AuditLevel
{
    None,
    Basic,
    Detailed,
    Verbose,
}
