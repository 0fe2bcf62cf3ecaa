using Blux.SharedKernel.Api;
using FluentValidation;

namespace Blux.Modules.Guard.Features.VerifyAudit;

internal sealed class VerifyAuditValidator : AbstractValidator<VerifyAuditRequest>
{
    public VerifyAuditValidator()
    {
        RuleFor(q => q.FromSeq).Must(s => QueryValue.IsWholeNumber(s, 1))
            .WithErrorCode("invalid_value").WithMessage("from_seq must be a positive integer.")
            .OverridePropertyName("from_seq");
        RuleFor(q => q.ToSeq).Must(s => QueryValue.IsWholeNumber(s, 1))
            .WithErrorCode("invalid_value").WithMessage("to_seq must be a positive integer.")
            .OverridePropertyName("to_seq");
    }
}
