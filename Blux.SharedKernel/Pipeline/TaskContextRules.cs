using Blux.SharedKernel.Events;
using FluentValidation;

namespace Blux.SharedKernel.Pipeline;

/// <summary>
/// The rules for a task request's <c>context</c>, the same wherever a request is read (Lite's submission,
/// Ca's dry run): required, with an environment and a sensitivity from <see cref="TaskContextValues"/>.
/// </summary>
public static class TaskContextRules
{
    public static void RuleForTaskContext<T>(this AbstractValidator<T> validator, Func<T, ITaskRequestContext?> context)
    {
        validator.RuleFor(c => context(c)).NotNull().WithErrorCode("missing_field").WithMessage("context is required.")
            .OverridePropertyName("context");
        validator.RuleFor(c => context(c)!.Environment).Must(e => TaskContextValues.Environment(e) is not null)
            .When(c => context(c) is not null)
            .WithErrorCode("unknown_value").WithMessage(TaskContextValues.EnvironmentRule)
            .OverridePropertyName("context.environment");
        validator.RuleFor(c => context(c)!.Sensitivity).Must(TaskContextValues.IsSensitivity)
            .When(c => context(c) is not null)
            .WithErrorCode("unknown_value").WithMessage(TaskContextValues.SensitivityRule)
            .OverridePropertyName("context.sensitivity");
    }
}
