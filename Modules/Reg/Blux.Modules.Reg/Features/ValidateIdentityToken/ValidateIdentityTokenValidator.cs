using FluentValidation;

namespace Blux.Modules.Reg.Features.ValidateIdentityToken;

internal sealed class ValidateIdentityTokenValidator : AbstractValidator<ValidateIdentityTokenQuery>
{
    public ValidateIdentityTokenValidator()
    {
        RuleFor(q => q.Token).NotEmpty().WithErrorCode("missing_field").WithMessage("token is required.");
        RuleForEach(q => q.RequiredScope).NotEmpty().WithErrorCode("missing_field").WithMessage("A required scope cannot be empty.");
    }
}
