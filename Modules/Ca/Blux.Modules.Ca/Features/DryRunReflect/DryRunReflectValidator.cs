using Blux.SharedKernel.Events;
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
        RuleFor(c => c.Body.Context).NotNull().WithErrorCode("missing_field").WithMessage("context is required.")
            .OverridePropertyName("context");
        RuleFor(c => c.Body.Context!.Environment).Must(e => TaskContextValues.Environment(e) is not null)
            .When(c => c.Body.Context is not null)
            .WithErrorCode("unknown_value").WithMessage(TaskContextValues.EnvironmentRule)
            .OverridePropertyName("context.environment");
        RuleFor(c => c.Body.Context!.Sensitivity).Must(TaskContextValues.IsSensitivity)
            .When(c => c.Body.Context is not null)
            .WithErrorCode("unknown_value").WithMessage(TaskContextValues.SensitivityRule)
            .OverridePropertyName("context.sensitivity");
        RuleFor(c => c.Body.DoctrineRequirements!.ReflectionDepth).Must(d => d is null or Contracts.Reflect.Medium or Contracts.Reflect.Deep)
            .When(c => c.Body.DoctrineRequirements is not null)
            .WithErrorCode("unknown_value").WithMessage("doctrine_requirements.reflection_depth must be medium or deep.")
            .OverridePropertyName("doctrine_requirements.reflection_depth");
    }
}
