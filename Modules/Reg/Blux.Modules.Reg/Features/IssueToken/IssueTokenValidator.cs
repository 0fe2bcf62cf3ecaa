using FluentValidation;

namespace Blux.Modules.Reg.Features.IssueToken;

internal sealed class IssueTokenValidator : AbstractValidator<IssueTokenCommand>
{
    public IssueTokenValidator()
    {
        RuleFor(c => c.GrantType).NotEmpty().WithErrorCode("missing_field")
            .Equal("client_credentials").WithErrorCode("unsupported_grant_type")
            .WithMessage("grant_type must be 'client_credentials'.");
        RuleFor(c => c.ClientId).NotEmpty().WithErrorCode("missing_field").WithMessage("client_id is required.");
        RuleFor(c => c.ClientSecret).NotEmpty().WithErrorCode("missing_field").WithMessage("client_secret is required.");
    }
}
