using Blux.Modules.Lite.Datasets;
using Blux.SharedKernel.Identity;
using Mediator;

namespace Blux.Modules.Lite.Features.PutDataset;

internal sealed record PutDatasetCommand(Caller Caller, string Name, string Csv) : IRequest<PutDatasetResult>;

internal sealed record PutDatasetResult(DatasetInfo Dataset, bool Created, string AuditId);
