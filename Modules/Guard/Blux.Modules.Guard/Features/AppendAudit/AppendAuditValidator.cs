using Blux.Modules.Guard.Contracts;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Vocabulary;
using FluentValidation;

namespace Blux.Modules.Guard.Features.AppendAudit;

internal sealed class AppendAuditValidator : AbstractValidator<Contracts.AppendAudit>
{
    public AppendAuditValidator()
    {
        RuleFor(r => r.Entry.Service).NotEmpty().OverridePropertyName("service");
        RuleFor(r => r.Entry.Operation).NotEmpty().OverridePropertyName("operation");
        RuleFor(r => r.Entry.Identity).NotEmpty().OverridePropertyName("identity");
        RuleFor(r => r.Entry.Status).Must(s => s is AuditStatuses.Success or AuditStatuses.Failure or AuditStatuses.Denied)
            .WithErrorCode("unknown_value").WithMessage("status must be success, failure or denied.").OverridePropertyName("status");
        RuleFor(r => r.Entry.AuditLevel).IsInEnum()
            .WithErrorCode("unknown_value").WithMessage($"audit_level must be {WireName<AuditLevel>.Listed}.").OverridePropertyName("audit_level");
    }
}
