using System.Text.Json.Nodes;
using Mediator;

namespace Blux.Modules.Guard.Contracts;

/// <summary>Reads audit records by id, in chain order; unknown ids are left out.</summary>
public sealed record GetAuditRecords(IReadOnlyList<string> AuditIds) : IRequest<IReadOnlyList<JsonObject>>;
