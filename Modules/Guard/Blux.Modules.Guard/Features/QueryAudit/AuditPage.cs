using System.ComponentModel;
using System.Text.Json.Nodes;
using Blux.Modules.Guard.Contracts;
using Blux.SharedKernel.Api;

namespace Blux.Modules.Guard.Features.QueryAudit;

internal sealed record AuditPage(
    [property: SchemaAs(typeof(AuditRecord[]))] IReadOnlyList<JsonObject> Entries,
    [property: Description("Pass as page_token for the next page; null on the last.")] string? NextPageToken);
