using System.Text.Json.Nodes;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Lite.Datasets;
using Blux.SharedKernel;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Events;
using Mediator;

namespace Blux.Modules.Lite.Features.PutDataset;

/// <summary>
/// Checks the CSV whole (a malformed one is 400 naming its line and stores nothing), stages it, audits
/// <c>dataset.put</c> with the file's hash, and only then puts it in place. Fail closed: a dataset the
/// disk cannot take, or one whose record cannot be made durable, is 503 and nothing is stored.
/// </summary>
internal sealed class PutDatasetHandler(DatasetStore datasets, ISender sender, TimeProvider clock) : IRequestHandler<PutDatasetCommand, PutDatasetResult>
{
    public async ValueTask<PutDatasetResult> Handle(PutDatasetCommand command, CancellationToken cancellationToken)
    {
        if (!DatasetReference.IsValidName(command.Name))
        {
            throw BluxException.Validation("name", "invalid_format", "A dataset name is 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit.");
        }

        try
        {
            CsvParser.Parse(command.Csv);
        }
        catch (CsvFormatException exception)
        {
            throw BluxException.Validation("body", exception.Issue, exception.Message, new Dictionary<string, object?> { ["line"] = exception.Line });
        }

        var created = !datasets.Exists(command.Name);
        var auditId = BluxId.New(BluxId.Audit, clock);
        using var staged = await datasets.StageAsync(command.Name, command.Csv, command.Caller.AuditName, cancellationToken);
        var info = staged.Info;
        await sender.Send(
            new AppendAudit(new AuditEntry
            {
                AuditId = auditId,
                Service = BluxSources.Lite,
                Operation = "dataset.put",
                Identity = command.Caller.AuditName,
                OutputHash = info.Sha256,
                Status = AuditStatuses.Success,
                Data = new JsonObject
                {
                    ["dataset"] = info.Name,
                    ["reference"] = info.Reference,
                    ["rows"] = info.Rows,
                    ["size_bytes"] = info.SizeBytes,
                    ["created"] = created,
                },
            }),
            CancellationToken.None);
        try
        {
            staged.Publish();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw DatasetStore.Unavailable();
        }

        return new PutDatasetResult(info, created, auditId);
    }
}
