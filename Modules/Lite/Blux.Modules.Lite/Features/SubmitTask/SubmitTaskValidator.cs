using System.Text.RegularExpressions;
using Blux.Modules.Lite.Routes;
using Blux.SharedKernel;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Pipeline;
using Blux.SharedKernel.Vocabulary;
using FluentValidation;

namespace Blux.Modules.Lite.Features.SubmitTask;

internal sealed partial class SubmitTaskValidator : AbstractValidator<SubmitTaskCommand>
{
    public SubmitTaskValidator(RouteRegistry routes)
    {
        RuleFor(c => c.Body.TaskId).Must(id => id is null || TaskIdPattern().IsMatch(id))
            .WithErrorCode("invalid_format").WithMessage("task_id must be 1-128 letters, digits or _ . : -")
            .OverridePropertyName("task_id");
        RuleFor(c => c.Body.Type).NotEmpty().WithErrorCode("missing_field").WithMessage("type is required.")
            .OverridePropertyName("type");
        RuleFor(c => c.Body.Type).Must(t => routes.TryGet(t!, out _))
            .When(c => !string.IsNullOrEmpty(c.Body.Type))
            .WithErrorCode("unknown_type").WithMessage(c => $"Unknown task type '{c.Body.Type}'.")
            .WithState(_ => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["known_types"] = routes.KnownTypes })
            .OverridePropertyName("type");
        this.RuleForTaskContext(c => c.Body.Context);
        RuleFor(c => c.Body.DoctrineRequirements!.AuditLevel).Must(l => l is null || WireName<AuditLevel>.TryParse(l, out _))
            .When(c => c.Body.DoctrineRequirements is not null)
            .WithErrorCode("unknown_value").WithMessage($"doctrine_requirements.audit_level must be {WireName<AuditLevel>.Listed}.")
            .OverridePropertyName("doctrine_requirements.audit_level");
        RuleFor(c => c.Body.DoctrineRequirements!.ReflectionDepth).Must(d => d is null or "medium" or "deep")
            .When(c => c.Body.DoctrineRequirements is not null)
            .WithErrorCode("unknown_value").WithMessage("doctrine_requirements.reflection_depth must be medium or deep.")
            .OverridePropertyName("doctrine_requirements.reflection_depth");
        RuleFor(c => c.Body.Timestamp).Must(t => t is null || BluxTime.TryParse(t, out _))
            .WithErrorCode("invalid_format").WithMessage("timestamp must be an RFC 3339 date-time.")
            .OverridePropertyName("timestamp");
    }

    // \z, not $: $ also matches before a final "\n".
    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,128}\\z")]
    private static partial Regex TaskIdPattern();
}
