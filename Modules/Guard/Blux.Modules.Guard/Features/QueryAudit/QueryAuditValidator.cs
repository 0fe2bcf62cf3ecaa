using Blux.SharedKernel.Api;
using FluentValidation;

namespace Blux.Modules.Guard.Features.QueryAudit;

internal sealed class QueryAuditValidator : AbstractValidator<QueryAuditRequest>
{
    public QueryAuditValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(q => q.Since).Must(QueryValue.IsTime)
            .WithErrorCode("invalid_format").WithMessage("since must be an RFC 3339 date-time.")
            .OverridePropertyName("since");
        RuleFor(q => q.Until).Must(QueryValue.IsTime)
            .WithErrorCode("invalid_format").WithMessage("until must be an RFC 3339 date-time.")
            .OverridePropertyName("until");
        RuleFor(q => q.PageSize)
            .Must(s => QueryValue.IsWholeNumber(s, 0))
            .WithErrorCode("invalid_value").WithMessage("page_size must be a non-negative integer.")
            .Must(s => QueryValue.WholeNumber(s) is null or (>= 1 and <= QueryAuditRequest.MaxPageSize))
            .WithErrorCode("invalid_value").WithMessage($"page_size must be from 1 to {QueryAuditRequest.MaxPageSize}.")
            .OverridePropertyName("page_size");
        RuleFor(q => q.PageToken).Must(s => QueryValue.IsWholeNumber(s, 0))
            .WithErrorCode("invalid_value").WithMessage("page_token must be a non-negative integer.")
            .OverridePropertyName("page_token");
    }
}
