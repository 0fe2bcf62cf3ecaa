using Blux.Modules.Reg.Keys;
using FluentValidation;

namespace Blux.Modules.Reg.Features.RotateKey;

internal sealed class RotateKeyValidator : AbstractValidator<RotateKeyCommand>
{
    /// <summary>A client clock a little behind Blux's still means "now".</summary>
    public static readonly TimeSpan PastTolerance = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(365);

    public RotateKeyValidator(TimeProvider clock)
    {
        RuleFor(c => c.KeyType).NotEmpty().WithErrorCode("missing_field").WithMessage("key_type is required: token_signing or audit_signing.");
        RuleFor(c => c.KeyType).Must(t => KeyLifecycle.KeyTypes.Contains(t)).When(c => !string.IsNullOrEmpty(c.KeyType))
            .WithErrorCode("unknown_value").WithMessage("key_type must be 'token_signing' or 'audit_signing'.");
        RuleFor(c => c.RotationReason).NotEmpty().WithErrorCode("missing_field").WithMessage("rotation_reason is required.")
            .MaximumLength(500).WithErrorCode("too_long").WithMessage("rotation_reason is at most 500 characters.");
        RuleFor(c => c.ValidAfter).Must(v => v is null || v >= clock.GetUtcNow() - PastTolerance)
            .WithErrorCode("in_the_past").WithMessage("valid_after cannot be in the past; leave it out to rotate now.");
        RuleFor(c => c.ValidAfter).Must(v => v is null || v <= clock.GetUtcNow() + MaxAhead)
            .WithErrorCode("too_far_ahead").WithMessage("valid_after is at most 365 days ahead.");
    }
}
