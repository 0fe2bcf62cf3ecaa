using Blux.SharedKernel.Pipeline;
using FluentValidation;

namespace Blux.Modules.Ca.Features.DryRunReflect;

internal sealed class DryRunReflectValidator : AbstractValidator<DryRunReflectCommand>
{
    public DryRunReflectValidator()
    {
        RuleFor(c => c.Body.Type).NotEmpty().WithErrorCode("missing_field").WithMessage("type is required.")
            .OverridePropertyName("type");
        RuleFor(c => c.Body.Type).MaximumLength(64).WithErrorCode("too_long").WithMessage("type must be at most 64 characters.")
            .OverridePropertyName("type");
        this.RuleForTaskContext(c => c.Body.Context);
        RuleFor(c => c.Body.DoctrineRequirements!.ReflectionDepth).Must(d => d is null or Contracts.Reflect.Medium or Contracts.Reflect.Deep)
            .When(c => c.Body.DoctrineRequirements is not null)
            .WithErrorCode("unknown_value").WithMessage("doctrine_requirements.reflection_depth must be medium or deep.")
            .OverridePropertyName("doctrine_requirements.reflection_depth");
    }
}
