using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Blux.SharedKernel.Identity;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Blux.Modules.Lite.Features.ListTasks;

/// <summary>
/// GET /v1/tasks: the tasks <paramref name="Caller"/> may see (<see cref="TaskAccess"/>), filtered and paged. The
/// query string is bound as sent, as text, so that <see cref="ListTasksValidator"/> refuses a bad value naming its
/// parameter: <paramref name="Identity"/> is the submitter as audited (<c>user:alice</c>), <paramref name="Since"/>
/// (inclusive) and <paramref name="Until"/> (exclusive) bound the creation time.
/// </summary>
internal sealed record ListTasksQuery(
    Caller Caller,
    [FromQuery(Name = "status")] string? Status,
    [FromQuery(Name = "type")] string? Type,
    [FromQuery(Name = "identity")] string? Identity,
    [FromQuery(Name = "since")] string? Since,
    [FromQuery(Name = "until")] string? Until,
    [FromQuery(Name = "page_size")] string? PageSize,
    [FromQuery(Name = "page_token")] string? PageToken) : IRequest<TaskPage>
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
}

internal sealed record TaskPage(
    IReadOnlyList<TaskListItem> Tasks,
    [property: Description("Pass as page_token for the next page; null on the last.")] string? NextPageToken);

internal sealed record TaskListItem(
    string TaskId,
    [property: AllowedValues("echo", "test", "script", "data_analysis", "webhook")] string Type,
    [property: AllowedValues("accepted", "awaiting_approval", "queued", "running", "completed", "failed", "cancelled", "timed_out", "rejected")] string Status,
    string Identity,
    string Route,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string? ErrorCode);
