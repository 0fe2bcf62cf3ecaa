using FluentValidation;

namespace Blux.Modules.Ca.Features.DryRunReflect;

internal sealed class DryRunReflectValidator : AbstractValidator<DryRunReflectCommand>
{
    private static readonly string[] Environments = ["development", "staging", "production", "dev", "stage", "prod"];
    private static readonly string[] Sensitivities = ["low", "medium", "high", "critical"];

    public DryRunReflectValidator()
    {
        RuleFor(c => c.Body.Type).NotEmpty().WithErrorCode("missing_field").WithMessage("type is required.")
            .OverridePropertyName("type");
        RuleFor(c => c.Body.Type).MaximumLength(64).WithErrorCode("too_long").WithMessage("type must be at most 64 characters.")
            .OverridePropertyName("type");
        RuleFor(c => c.Body.Context).NotNull().WithErrorCode("missing_field").WithMessage("context is required.")
            .OverridePropertyName("context");
        RuleFor(c => c.Body.Context!.Environment).Must(e => e is not null && Environments.Contains(e))
            .When(c => c.Body.Context is not null)
            .WithErrorCode("unknown_value").WithMessage("context.environment must be development, staging or production.")
            .OverridePropertyName("context.environment");
        RuleFor(c => c.Body.Context!.Sensitivity).Must(s => s is not null && Sensitivities.Contains(s))
            .When(c => c.Body.Context is not null)
            .WithErrorCode("unknown_value").WithMessage("context.sensitivity must be low, medium, high or critical.")
            .OverridePropertyName("context.sensitivity");
        RuleFor(c => c.Body.DoctrineRequirements!.ReflectionDepth).Must(d => d is null or Contracts.Reflect.Medium or Contracts.Reflect.Deep)
            .When(c => c.Body.DoctrineRequirements is not null)
            .WithErrorCode("unknown_value").WithMessage("doctrine_requirements.reflection_depth must be medium or deep.")
            .OverridePropertyName("doctrine_requirements.reflection_depth");
    }
}
