using System.Text.RegularExpressions;
using Blux.Modules.Reg.Domain;
using Blux.SharedKernel.Vocabulary;
using FluentValidation;

namespace Blux.Modules.Reg.Features.CreateIdentity;

internal sealed partial class CreateIdentityValidator : AbstractValidator<CreateIdentityCommand>
{
    public const int MaxRoles = 32;

    public CreateIdentityValidator()
    {
        RuleFor(c => c.Id).Must(id => id is null || IdPattern().IsMatch(id))
            .WithErrorCode("invalid_format").WithMessage("id must be 1-64 letters, digits or _ . @ -, starting with a letter or digit.");
        RuleFor(c => c.Id).Must(id => id is null || !IsReserved(id))
            .WithErrorCode("reserved_id").WithMessage("This id is reserved by Blux.");
        RuleFor(c => c.Kind).NotEmpty().WithErrorCode("missing_field").WithMessage("kind is required: user or service.");
        RuleFor(c => c.Kind).Must(k => WireName<IdentityKind>.TryParse(k, out _)).When(c => !string.IsNullOrEmpty(c.Kind))
            .WithErrorCode("unknown_value").WithMessage("kind must be 'user' or 'service'.");
        RuleFor(c => c.DisplayName).NotEmpty().WithErrorCode("missing_field").WithMessage("display_name is required.")
            .MaximumLength(200).WithErrorCode("too_long").WithMessage("display_name is at most 200 characters.");
        RuleFor(c => c.Roles).NotNull().WithErrorCode("missing_field").WithMessage("roles is required: the doctrine roles the identity holds.");
        RuleFor(c => c.Roles!.Count).GreaterThan(0).When(c => c.Roles is not null).OverridePropertyName("roles")
            .WithErrorCode("empty").WithMessage("roles must name at least one role.");
        RuleFor(c => c.Roles!.Count).LessThanOrEqualTo(MaxRoles).When(c => c.Roles is not null).OverridePropertyName("roles")
            .WithErrorCode("too_many").WithMessage($"roles holds at most {MaxRoles} roles.");
        RuleForEach(c => c.Roles).NotEmpty().WithErrorCode("missing_field").WithMessage("A role name cannot be empty.");
    }

    /// <summary><c>system</c> is the identity Blux itself acts as in the audit trail.</summary>
    public static bool IsReserved(string id) => string.Equals(id, "system", StringComparison.OrdinalIgnoreCase);

    // \z, not $: $ also matches before a final "\n".
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}\\z")]
    private static partial Regex IdPattern();
}
