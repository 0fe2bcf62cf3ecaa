using System.Text.Json.Nodes;
using Blux.SharedKernel.Identity;
using Mediator;

namespace Blux.Modules.Lite.Features.SubmitTask;

/// <param name="NewTaskId">
/// The id to give the task when the request names none, chosen by the caller (so it can wait for the
/// task before submitting it); a fresh id is made when this is null too.
/// </param>
internal sealed record SubmitTaskCommand(Caller Caller, TaskRequestBody Body, JsonObject Raw, string? NewTaskId = null) : IRequest<SubmitTaskResult>;

internal sealed record SubmitTaskResult(string TaskId, string Status, string AuditId, DateTimeOffset EstimatedCompletion, bool Existing);
