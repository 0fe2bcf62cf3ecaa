using System.Text.Json.Nodes;
using Mediator;

namespace Blux.Modules.Guard.Features.ExportAudit;

/// <summary>
/// The whole chain for verification anywhere, one JSON object per line: first the public keys, then every
/// record in order, then every checkpoint. Each line is <c>{"kind": "keys"|"record"|"checkpoint", …}</c>,
/// read from the store page by page as the answer is written.
/// </summary>
internal sealed record ExportAuditRequest : IRequest<IAsyncEnumerable<JsonObject>>;
