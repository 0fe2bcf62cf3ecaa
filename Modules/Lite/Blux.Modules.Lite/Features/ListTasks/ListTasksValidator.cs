using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Routes;
using Blux.SharedKernel.Api;
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
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(q => q.Status).Must(s => QueryValue.Text(s) is null || Statuses.Contains(s))
            .WithErrorCode("unknown_value").WithMessage("status must be one of: " + string.Join(", ", Statuses) + ".")
            .OverridePropertyName("status");
        RuleFor(q => q.Type).Must(t => QueryValue.Text(t) is not { } type || routes.TryGet(type, out _))
            .WithErrorCode("unknown_type").WithMessage(q => $"Unknown task type '{q.Type}'.")
            .WithState(_ => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["known_types"] = routes.KnownTypes })
            .OverridePropertyName("type");
        RuleFor(q => q.PageSize)
            .Must(s => QueryValue.IsWholeNumber(s, long.MinValue))
            .WithErrorCode("wrong_type").WithMessage("page_size must be a whole number.")
            .Must(s => QueryValue.WholeNumber(s) is null or (>= 1 and <= ListTasksQuery.MaxPageSize))
            .WithErrorCode("out_of_range").WithMessage($"page_size must be from 1 to {ListTasksQuery.MaxPageSize}.")
            .OverridePropertyName("page_size");
        RuleFor(q => q.Since).Must(QueryValue.IsOffsetTime)
            .WithErrorCode("invalid_format").WithMessage("since must be an RFC 3339 time with its offset, such as 2026-01-01T00:00:00Z.")
            .OverridePropertyName("since");
        RuleFor(q => q.Until).Must(QueryValue.IsOffsetTime)
            .WithErrorCode("invalid_format").WithMessage("until must be an RFC 3339 time with its offset, such as 2026-01-01T00:00:00Z.")
            .OverridePropertyName("until");
        RuleFor(q => q.Identity).MaximumLength(256)
            .WithErrorCode("too_long").WithMessage("identity is at most 256 characters.")
            .OverridePropertyName("identity");
        RuleFor(q => q.PageToken).Must(t => QueryValue.Text(t) is null || TaskPageToken.TryDecode(t, out _))
            .WithErrorCode("invalid_format").WithMessage("page_token is not a token this endpoint gave out.")
            .OverridePropertyName("page_token");
    }
}
