using FluentValidation;

namespace Blux.Modules.Reg.Features.RevokeKey;

internal sealed class RevokeKeyValidator : AbstractValidator<RevokeKeyCommand>
{
    public RevokeKeyValidator()
    {
        RuleFor(c => c.Reason).NotEmpty().WithErrorCode("missing_field").WithMessage("reason is required.")
            .MaximumLength(500).WithErrorCode("too_long").WithMessage("reason is at most 500 characters.");
    }
}
