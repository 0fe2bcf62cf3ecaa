using System.Text.Json.Nodes;
using Blux.SharedKernel.Identity;
using Mediator;

namespace Blux.Modules.Lite.Features.SubmitTask;

internal sealed record SubmitTaskCommand(Caller Caller, TaskRequestBody Body, JsonObject Raw) : IRequest<SubmitTaskResult>;

internal sealed record SubmitTaskResult(string TaskId, string Status, string AuditId, DateTimeOffset EstimatedCompletion, bool Existing);
