using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Routes;
using FluentValidation;

namespace Blux.Modules.Lite.Features.ListTasks;

internal sealed class ListTasksValidator : AbstractValidator<ListTasksQuery>
{
    public static readonly string[] Statuses =
    [
        TaskStatuses.Accepted, TaskStatuses.AwaitingApproval, TaskStatuses.Queued, TaskStatuses.Running, TaskStatuses.Completed,
        TaskStatuses.Failed, TaskStatuses.Cancelled, TaskStatuses.TimedOut, TaskStatuses.Rejected,
    ];

    public ListTasksValidator(RouteRegistry routes)
    {
        RuleFor(q => q.Status).Must(s => s is null || Statuses.Contains(s))
            .WithErrorCode("unknown_value").WithMessage("status must be one of: " + string.Join(", ", Statuses) + ".")
            .OverridePropertyName("status");
        RuleFor(q => q.Type).Must(t => t is null || routes.TryGet(t, out _))
            .WithErrorCode("unknown_type").WithMessage(q => $"Unknown task type '{q.Type}'.")
            .WithState(_ => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["known_types"] = routes.KnownTypes })
            .OverridePropertyName("type");
        RuleFor(q => q.PageSize).InclusiveBetween(1, ListTasksQuery.MaxPageSize).When(q => q.PageSize is not null)
            .WithErrorCode("out_of_range").WithMessage($"page_size must be from 1 to {ListTasksQuery.MaxPageSize}.")
            .OverridePropertyName("page_size");
        RuleFor(q => q.Identity).MaximumLength(256).When(q => q.Identity is not null)
            .WithErrorCode("too_long").WithMessage("identity is at most 256 characters.")
            .OverridePropertyName("identity");
        RuleFor(q => q.PageToken).Must(t => t is null || TaskPageToken.TryDecode(t, out _))
            .WithErrorCode("invalid_format").WithMessage("page_token is not a token this endpoint gave out.")
            .OverridePropertyName("page_token");
    }
}
