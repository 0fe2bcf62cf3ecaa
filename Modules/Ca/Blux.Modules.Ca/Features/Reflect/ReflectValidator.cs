using FluentValidation;

namespace Blux.Modules.Ca.Features.Reflect;

internal sealed class ReflectValidator : AbstractValidator<Contracts.Reflect>
{
    public ReflectValidator() =>
        RuleFor(r => r.Depth).Must(d => d is Contracts.Reflect.Medium or Contracts.Reflect.Deep)
            .WithErrorCode("unknown_value").WithMessage("reflection_depth must be medium or deep.")
            .OverridePropertyName("reflection_depth");
}
